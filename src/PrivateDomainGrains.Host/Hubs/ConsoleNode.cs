using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// Registers this node's observer with the staff grains of the consoles connected here (and of the staff whose execution
/// a dashboard here watches), and keeps re-registering
/// well within <see cref="StaffGrain.NodeExpiry"/> so a staff grain that moved or re-activated finds the node again.
/// When the cluster loses a silo, the staff grains that lived there re-activate elsewhere knowing no node: this node
/// re-registers at once and sends its consoles the open nudges of the last <see cref="CatchUpWindow"/> they may have
/// missed meanwhile (each connection gets each nudge once), instead of leaving them silent until the next round; it
/// catches up again <see cref="CatchUpAgainAfter"/> the loss, for the nudges still sent the dead silo's way meanwhile.
/// </summary>
public sealed class ConsoleNode(
    IGrainFactory grains,
    NodeNudgeObserver observer,
    ConsoleConnections connections,
    ExecutionWatchers watchers,
    NudgeInbox inbox,
    IClusterMembershipService membership,
    TimeProvider time,
    ILogger<ConsoleNode> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>How far back a catch-up looks: longer than the cluster takes to declare a silo dead and replace it.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When, after this node learned of a lost silo, it reads the inbox again. Silos learn of a death one by one: one
    /// that learns after this node's first read may still send a staff grain's nudges to the dead silo, and a staff grain
    /// re-activated elsewhere forwards nothing until this node's registration reaches it. Either way the nudge is
    /// already in the inbox, and the next read finds it.
    /// </summary>
    public static readonly TimeSpan[] CatchUpAgainAfter = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private const int CatchUpStaffPerQuery = 500;
    private const int SubscriptionsAtOnce = 16;
    private const int CatchUpNudgesPerStaff = 200;

    private readonly Lazy<INudgeObserver> _reference = new(() => grains.CreateObjectReference<INudgeObserver>(observer));

    public Task SubscribeAsync(string staffKey) => grains.GetGrain<IStaffGrain>(staffKey).SubscribeAsync(_reference.Value);

    public Task UnsubscribeAsync(string staffKey) => grains.GetGrain<IStaffGrain>(staffKey).UnsubscribeAsync(_reference.Value);

    /// <summary>Unsubscribes from the staff member's grain unless a console of theirs or a dashboard here still needs it.</summary>
    public Task ReleaseAsync(string staffKey) =>
        connections.CountOf(staffKey) > 0 || watchers.IsWatched(staffKey) ? Task.CompletedTask : UnsubscribeAsync(staffKey);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RefreshPeriodicallyAsync(stoppingToken), WatchMembershipAsync(stoppingToken));

    private async Task RefreshPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await SubscribeAllAsync(stoppingToken);
    }

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        var active = ActiveSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var now = ActiveSilos(snapshot);
                var lost = active.Except(now).ToList();
                active = now;
                if (lost.Count == 0 || connections.StaffKeys.FirstOrDefault() is null) continue;
                logger.LogInformation("Silo(s) {Silos} left the cluster: re-registering this node's consoles and catching them up", string.Join(", ", lost));
                var learned = time.GetUtcNow();
                await RecoverAsync(learned, stoppingToken);
                _ = RecoverAgainAsync(learned, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static HashSet<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    /// <summary>
    /// Re-registers this node with its staff members' grains and catches their consoles up, both at once: the catch-up
    /// needs only the inbox, not the grains, and a registration that fails (the grain's new home not yet agreed on) is
    /// tried again by the next pass rather than only at the next <see cref="RefreshInterval"/>.
    /// </summary>
    private async Task RecoverAsync(DateTimeOffset learned, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var catchUp = CatchUpAsync(learned - CatchUpWindow, ct);
        await Task.WhenAll(SubscribeAllAsync(ct), catchUp);
        var caughtUp = await catchUp;
        if (caughtUp > 0)
            logger.LogInformation("Caught this node's consoles up with {Count} open nudges, {Elapsed} ms after learning of the loss ({Took} ms for this pass)",
                caughtUp, (int)(time.GetUtcNow() - learned).TotalMilliseconds, (int)time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The later passes of <see cref="CatchUpAgainAfter"/>, off the membership loop so it sees the next change at once.</summary>
    private async Task RecoverAgainAsync(DateTimeOffset learned, CancellationToken ct)
    {
        try
        {
            foreach (var after in CatchUpAgainAfter)
            {
                var wait = learned + after - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
                await RecoverAsync(learned, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Registers this node with every staff grain it needs; a stopping node stops waiting for the registrations.</summary>
    private async Task SubscribeAllAsync(CancellationToken ct)
    {
        var staffKeys = connections.StaffKeys.Union(watchers.StaffKeys, StringComparer.Ordinal).ToList();
        // Several at a time: after a loss each is a staff grain activating anew, and its consoles wait for all before them.
        await Parallel.ForEachAsync(staffKeys, new ParallelOptions { MaxDegreeOfParallelism = SubscriptionsAtOnce, CancellationToken = ct }, async (staffKey, token) =>
        {
            try
            {
                await SubscribeAsync(staffKey).WaitAsync(token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Registering this node for {StaffKey} failed; retrying in {Interval}", staffKey, RefreshInterval);
            }
        });
    }

    /// <summary>
    /// Sends every console here the open nudges of its staff member created since <paramref name="since"/> that it was
    /// not sent; returns how many nudges the inbox gave (sent now or before).
    /// </summary>
    private async Task<int> CatchUpAsync(DateTimeOffset since, CancellationToken ct)
    {
        var read = 0;
        foreach (var chunk in connections.StaffKeys.Select(GrainKeys.Parse).Chunk(CatchUpStaffPerQuery))
        {
            try
            {
                var missed = await inbox.ReadOpenSinceAsync(chunk, since, CatchUpNudgesPerStaff, ct);
                read += missed.Count;
                foreach (var byStaff in missed.GroupBy(n => GrainKeys.For(n.Tenant, n.StaffId)))
                    await connections.SendAsync(byStaff.Key, [.. byStaff.OrderBy(n => n.CreatedAt).Select(n => n.ToNudge())]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Catching up {Count} staff members' consoles failed; their next connect replays the inbox", chunk.Length);
            }
        }
        return read;
    }
}
