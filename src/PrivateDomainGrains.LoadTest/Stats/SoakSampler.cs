using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;

namespace PrivateDomainGrains.LoadTest.Stats;

/// <summary>
/// Once a second for the whole run: every node's runtime figures from its <c>/metrics</c> (GC pause time, thread-pool
/// queue length; <see cref="PrometheusText"/>), this tool's own CPU time (it shares the machine: the measurement has to
/// say whether the tool is what stalls) and, when <paramref name="postgres"/> is given, PostgreSQL's CPU time.
/// </summary>
public sealed class SoakSampler(IReadOnlyList<NodeConnection> nodes, PostgresCpu? postgres, RunClock clock, ErrorLog errors)
{
    private readonly ConcurrentQueue<RuntimeSample> _runtime = new();
    private readonly ConcurrentQueue<CpuSample> _postgres = new();
    private readonly ConcurrentQueue<CpuSample> _tool = new();

    public IReadOnlyList<RuntimeSample> Runtime => _runtime.ToArray();

    public IReadOnlyList<CpuSample> Postgres => _postgres.ToArray();

    public IReadOnlyList<CpuSample> LoadTool => _tool.ToArray();

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                _tool.Enqueue(new CpuSample(clock.NowTicks, Environment.CpuUsage.TotalTime.TotalSeconds));
                SamplePostgres();
                await Task.WhenAll(nodes.Select(n => SampleAsync(n, ct)));
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private void SamplePostgres()
    {
        if (postgres is null) return;
        try
        {
            _postgres.Enqueue(new CpuSample(clock.NowTicks, postgres.ReadSeconds()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            errors.Record("postgres cpu", e);
        }
    }

    private async Task SampleAsync(NodeConnection node, CancellationToken ct)
    {
        try
        {
            var text = await node.GetMetricsTextAsync(ct);
            _runtime.Enqueue(new RuntimeSample(node.BaseAddress.Authority, clock.NowTicks,
                PrometheusText.Sum(text, PrometheusText.GcPauseSeconds), PrometheusText.Sum(text, PrometheusText.ThreadPoolQueueLength)));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            errors.Record($"metrics {node.BaseAddress}", e);
        }
    }
}
