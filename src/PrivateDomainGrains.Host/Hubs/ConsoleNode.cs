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
/// missed meanwhile (each connection gets each nudge once), instead of leaving them silent until the next round.
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

    private const int CatchUpStaffPerQuery = 500;
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
        while (await timer.WaitForNextTickAsync(stoppingToken)) await SubscribeAllAsync();
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
                var since = time.GetUtcNow() - CatchUpWindow;
                await SubscribeAllAsync();
                await CatchUpAsync(since, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static HashSet<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        [.. snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)];

    private async Task SubscribeAllAsync()
    {
        foreach (var staffKey in connections.StaffKeys.Union(watchers.StaffKeys, StringComparer.Ordinal))
        {
            try
            {
                await SubscribeAsync(staffKey);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Registering this node for {StaffKey} failed; retrying in {Interval}", staffKey, RefreshInterval);
            }
        }
    }

    /// <summary>Sends every console here the open nudges of its staff member created since <paramref name="since"/> that it was not sent.</summary>
    private async Task CatchUpAsync(DateTimeOffset since, CancellationToken ct)
    {
        foreach (var chunk in connections.StaffKeys.Select(GrainKeys.Parse).Chunk(CatchUpStaffPerQuery))
        {
            try
            {
                var missed = await inbox.ReadOpenSinceAsync(chunk, since, CatchUpNudgesPerStaff, ct);
                foreach (var byStaff in missed.GroupBy(n => GrainKeys.For(n.Tenant, n.StaffId)))
                    await connections.SendAsync(byStaff.Key, [.. byStaff.Select(n => n.ToNudge())]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Catching up {Count} staff members' consoles failed; their next connect replays the inbox", chunk.Length);
            }
        }
    }
}
