namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// The loop of the background services that repeat a pass on every node (the retentions, the WeCom callback pruning):
/// the first pass a while after the start, each next one an interval after the previous one ended, so a long pass never
/// has another queued behind it. A stopping node stops waiting at once (the pass under way gets the cancelled token);
/// a pass that fails is reported and the loop goes on, since the database away now is usually back by the next pass.
/// </summary>
public static class PeriodicPass
{
    /// <summary>Before the first pass of a node just started: its other start-up work goes first.</summary>
    public static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="pass"/> <paramref name="firstAfter"/> after the call (zero: at once; by default
    /// <see cref="StartUpGrace"/>, or <paramref name="every"/> when that is shorter), then <paramref name="every"/> after
    /// each pass ends, until <paramref name="stoppingToken"/> is cancelled (returning, not throwing). A pass that throws
    /// while the node is not stopping goes to <paramref name="failed"/>.
    /// </summary>
    public static async Task RunAsync(TimeProvider time, TimeSpan every, Func<CancellationToken, Task> pass, Action<Exception> failed,
        CancellationToken stoppingToken, TimeSpan? firstAfter = null)
    {
        try
        {
            var first = firstAfter ?? (every < StartUpGrace ? every : StartUpGrace);
            if (first > TimeSpan.Zero) await Task.Delay(first, time, stoppingToken);
            while (true)
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    failed(ex);
                }
                await Task.Delay(every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
