using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// The handover preset's one action: at its moment, hand every customer of one staff member to another, then poll the
/// status until it completes. Runs beside the event driver, so the handover happens under the steady load.
/// </summary>
public sealed class HandoverDriver(NodeConnection node, TenantCredentials credentials, RunClock clock, ErrorLog errors, TextWriter log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="atTicks">When to start it, on the run clock.</param>
    /// <param name="giveUp">Cancelled when the run stops waiting for the handover to complete.</param>
    public async Task<HandoverResult> RunAsync(string from, string to, long atTicks, CancellationToken giveUp)
    {
        var requested = atTicks;
        HandoverView? status = null;
        var tenant = credentials.On(node);
        try
        {
            var wait = atTicks - clock.NowTicks;
            if (wait > 0) await Task.Delay(TimeSpan.FromTicks(wait), giveUp);
            requested = clock.NowTicks;
            var accepted = await tenant.Handovers.StartAsync(from, to, cancellationToken: giveUp);
            status = accepted.Handover;
            log.WriteLine($"handover {accepted.HandoverId}: {status.Total} customers of {from} to {to}");
            while (!status.Completed)
            {
                await Task.Delay(PollInterval, giveUp);
                status = await tenant.Handovers.GetAsync(accepted.HandoverId, giveUp);
            }
            var completed = clock.NowTicks;
            log.WriteLine($"handover completed: {status.Moved} moved, {status.Failed} failed in {TimeSpan.FromTicks(completed - requested).TotalSeconds:0.00} s");
            return new HandoverResult(from, to, requested, completed, status);
        }
        catch (Exception e)
        {
            var what = giveUp.IsCancellationRequested ? "not completed when the run ended" : e.Message;
            if (!giveUp.IsCancellationRequested) errors.Record("handover", e);
            log.WriteLine($"handover {what}");
            return new HandoverResult(from, to, requested, null, status, what);
        }
    }
}
