using System.Globalization;
using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>One line a second while the load runs: enough to abort a run that is going wrong without waiting for the report.</summary>
public sealed class ProgressPrinter(RunClock clock, RunCounters counters, LiveLatency ackLatency, LiveLatency nudgeLatency, TextWriter output)
{
    public async Task RunAsync(long startTicks, Func<string> phase, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var previousAcked = counters.Acknowledged;
        var previousAt = clock.NowTicks;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = clock.NowTicks;
                var acked = counters.Acknowledged;
                var rate = (acked - previousAcked) / TimeSpan.FromTicks(now - previousAt).TotalSeconds;
                (previousAcked, previousAt) = (acked, now);
                var ack = ackLatency.TakeInterval();
                var nudge = nudgeLatency.TakeInterval();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{Math.Floor(TimeSpan.FromTicks(now - startTicks).TotalSeconds),6}s {phase(),-8}] sent {counters.Offered} acked {acked} " +
                    $"rejected {counters.Rejected} failed {counters.Failed} | {rate:0}/s | ack p50 {Ms(ack, ack.P50Ms)} p99 {Ms(ack, ack.P99Ms)} | " +
                    $"nudges {counters.NudgesReceived} p99 {Ms(nudge, nudge.P99Ms)} | in flight {counters.InFlightRequests}"));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped at the end of the run.
        }
    }

    /// <summary>Warm-up is not measured, so its seconds have no latency to show rather than a misleading zero.</summary>
    private static string Ms(LatencySummary interval, double value) =>
        interval.Count == 0 ? "-" : value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
