namespace PrivateDomainGrains.LoadTest.Api;

/// <summary>
/// Spreads requests and console connections over the nodes round-robin, passing over a node that refused a connection
/// for <see cref="Cooldown"/>, as a load balancer with passive health checks does. It is told nothing about faults.
/// </summary>
public sealed class NodePool(IReadOnlyList<NodeConnection> nodes)
{
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(1);

    private readonly long[] _unreachableUntil = new long[nodes.Count];
    private long _next = -1;

    public IReadOnlyList<NodeConnection> Nodes => nodes;

    /// <summary>The next node in turn that is not cooling down; when all are, the next in turn anyway.</summary>
    public NodeConnection Next()
    {
        var now = Environment.TickCount64;
        var first = Interlocked.Increment(ref _next);
        for (var i = 0; i < nodes.Count; i++)
        {
            var index = (int)((first + i) % nodes.Count);
            if (Volatile.Read(ref _unreachableUntil[index]) <= now)
            {
                if (i > 0) Interlocked.Exchange(ref _next, first + i);
                return nodes[index];
            }
        }
        return nodes[(int)(first % nodes.Count)];
    }

    /// <summary>The node did not answer at all (refused, reset, timed out): leave it alone for a moment.</summary>
    public void Unreachable(NodeConnection node)
    {
        var index = IndexOf(node);
        if (index >= 0) Volatile.Write(ref _unreachableUntil[index], Environment.TickCount64 + (long)Cooldown.TotalMilliseconds);
    }

    private int IndexOf(NodeConnection node)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (ReferenceEquals(nodes[i], node)) return i;
        }
        return -1;
    }
}
