using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;

namespace PrivateDomainGrains.LoadTest.Stats;

/// <summary>
/// Reads every node's <c>/api/v1/system/stats</c> once a second for the whole run: resource use and the runtime's own
/// figures (GC pauses, thread-pool queue, lock contentions) the soak report sums up.
/// </summary>
public sealed class StatsSampler(IReadOnlyList<NodeConnection> nodes, RunClock clock, ErrorLog errors)
{
    private readonly ConcurrentQueue<NodeStatsSample> _samples = new();

    public IReadOnlyList<NodeStatsSample> Samples => _samples.ToArray();

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            await Task.WhenAll(nodes.Select(n => SampleAsync(n, ct)));
        }
        while (await WaitAsync(timer, ct));
    }

    private async Task SampleAsync(NodeConnection node, CancellationToken ct)
    {
        try
        {
            var s = await node.Api.System.GetStatsAsync(ct);
            // Several URLs may reach the same node; the node's own name keeps it counted once.
            var name = string.IsNullOrEmpty(s.Node) ? node.BaseAddress.Authority : s.Node;
            if (_samples.Any(p => p.Node == name && Math.Abs(p.UptimeSeconds - s.UptimeSeconds) < 0.5)) return;
            _samples.Enqueue(new NodeStatsSample(name, clock.NowTicks, s.ActiveCustomerGrains, s.WorkingSetBytes,
                s.ManagedHeapBytes, s.CpuSecondsTotal, s.ProcessorCount, s.UptimeSeconds, s.GcPauseSecondsTotal, s.GcPauseMaxRecentSeconds,
                s.ThreadPoolQueueLength, s.LockContentionsTotal, s.AllocatedBytesTotal));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            errors.Record($"stats {node.BaseAddress}", e);
        }
        catch (OperationCanceledException)
        {
            // The run is over; a sample cut short is simply not taken.
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
