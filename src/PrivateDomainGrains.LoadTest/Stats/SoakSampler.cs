using System.Collections.Concurrent;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Live;

namespace PrivateDomainGrains.LoadTest.Stats;

/// <summary>
/// Once a second for the whole run: this tool's own CPU time (it shares the machine: the measurement has to say whether
/// the tool is what stalls) and, when <paramref name="postgres"/> is given, PostgreSQL's CPU time. The nodes' own
/// figures (CPU, GC pauses, thread pool) come from their stats (<see cref="StatsSampler"/>).
/// </summary>
public sealed class SoakSampler(PostgresCpu? postgres, RunClock clock, ErrorLog errors)
{
    private readonly ConcurrentQueue<CpuSample> _postgres = new();
    private readonly ConcurrentQueue<CpuSample> _tool = new();

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
}
