using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Cluster;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Chaos;

/// <summary>
/// Carries out the fault plan on the cluster the tool started, one fault at a time: each starts at its planned time (or
/// once the previous one has recovered, if that took longer), takes the node or PostgreSQL down, keeps it down for
/// <see cref="ChaosOptions.DownFor"/>, starts it again and waits until it is healthy. Records what happened when.
/// </summary>
public sealed class ChaosController(ManagedCluster cluster, IReadOnlyList<PlannedFault> plan, TimeSpan downFor, RunClock clock, TextWriter log)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<FaultRecord> _faults = new();

    /// <summary>The faults injected so far, in order.</summary>
    public IReadOnlyList<FaultRecord> Faults => _faults.ToArray();

    /// <param name="measureStartTicks">The start of the measured period on the run clock; planned times count from it.</param>
    public async Task RunAsync(long measureStartTicks, CancellationToken ct)
    {
        foreach (var fault in plan)
        {
            var wait = measureStartTicks + fault.At.Ticks - clock.NowTicks;
            try
            {
                if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _faults.Enqueue(await InjectAsync(fault, ct));
        }
    }

    private async Task<FaultRecord> InjectAsync(PlannedFault fault, CancellationToken ct)
    {
        var node = fault.Node is { } n ? cluster.Nodes[n] : null;
        var name = ChaosOptions.Name(fault.Kind);
        var at = clock.NowTicks;
        long? down = null, up = null;
        log.WriteLine($"fault {fault.Number}: {name} {node?.Name ?? "PostgreSQL"}");
        try
        {
            switch (fault.Kind)
            {
                case FaultKind.Kill:
                    await node!.KillAsync();
                    break;
                case FaultKind.Stop:
                    await node!.StopAsync(StopTimeout);
                    break;
                default:
                    await cluster.Postgres.StopAsync(ct);
                    break;
            }
            down = clock.NowTicks;
            await Task.Delay(downFor, ct);
            if (node is not null) await node.StartAsync(ct);
            else await cluster.Postgres.StartAsync(ct);
            up = clock.NowTicks;
            log.WriteLine($"fault {fault.Number}: {node?.Name ?? "PostgreSQL"} down after {Seconds(down.Value - at)}, back after {Seconds(up.Value - at)}");
            return new FaultRecord(fault.Number, fault.Kind, node?.Name, at, down, up);
        }
        catch (Exception e)
        {
            log.WriteLine($"fault {fault.Number}: {name} {node?.Name ?? "PostgreSQL"} did not recover: {e.Message}");
            return new FaultRecord(fault.Number, fault.Kind, node?.Name, at, down, up, e.Message);
        }
    }

    private static string Seconds(long ticks) => $"{TimeSpan.FromTicks(ticks).TotalSeconds:0.0} s";
}
