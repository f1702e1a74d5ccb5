using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>
/// This silo's way to the staff grains. Customer grains hand over the nudges they have committed, and one loop sends
/// each staff member's together: when a million timers fall due, a staff member costs one staff-grain call and one
/// console message per few milliseconds, not one per nudge. When nudges trickle in, each goes at once. The inbox
/// already holds every nudge, so one that dies here with the silo reaches its console at the next connect.
/// </summary>
public sealed class NudgeDispatcher : IAsyncDisposable
{
    /// <summary>How long a busy loop lets the next batch gather: a few ms of latency for a fraction of the calls.</summary>
    private static readonly TimeSpan GatherWindow = TimeSpan.FromMilliseconds(5);

    /// <summary>A batch at least this large means nudges are arriving faster than they are sent one by one.</summary>
    private const int BusyBatch = 32;

    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>(new() { SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly ILogger<NudgeDispatcher> _logger;
    private readonly Task _loop;

    public NudgeDispatcher(IGrainFactory grains, ILogger<NudgeDispatcher> logger)
    {
        (_grains, _logger) = (grains, logger);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Queues committed nudges for their owners. Once the silo is stopping this is refused silently: the nudges are in
    /// the inbox, and the consoles of a stopping node reconnect and replay it.
    /// </summary>
    public void Post(IEnumerable<Nudge> nudges)
    {
        foreach (var nudge in nudges) _queue.Writer.TryWrite(new Delivery(nudge.Tenant, nudge.StaffId, nudge, null));
    }

    /// <summary>Queues changes to nudges (closed, snoozed) for their staff members' consoles, batched like nudges.</summary>
    public void PostChanges(string tenant, IEnumerable<(string StaffId, NudgeChange Change)> changes)
    {
        foreach (var (staffId, change) in changes) _queue.Writer.TryWrite(new Delivery(tenant, staffId, null, change));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var byStaff = new Dictionary<(string Tenant, string StaffId), (List<Nudge> Raised, List<NudgeChange> Changed)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (_queue.Reader.TryRead(out var delivery))
            {
                var key = (delivery.Tenant, delivery.StaffId);
                if (!byStaff.TryGetValue(key, out var lists)) byStaff[key] = lists = ([], []);
                if (delivery.Raised is { } nudge) lists.Raised.Add(nudge);
                else lists.Changed.Add(delivery.Change!);
                count++;
            }
            foreach (var ((tenant, staffId), (raised, changed)) in byStaff) Send(tenant, staffId, raised, changed);
            byStaff.Clear();
            if (count >= BusyBatch) await Task.Delay(GatherWindow);
        }
    }

    private void Send(string tenant, string staffId, List<Nudge> raised, List<NudgeChange> changed)
    {
        try
        {
            // One-way: the staff grain forwards to the nodes with this member's consoles; nothing here waits on them.
            var staff = _grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId));
            if (raised.Count > 0) _ = staff.DeliverAsync([.. raised]);
            if (changed.Count > 0) _ = staff.DeliverChangesAsync([.. changed]);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Sending {Count} nudges and {Changed} changes to {Tenant}/{StaffId} failed; consoles catch up from the inbox on their next connect",
                raised.Count, changed.Count, tenant, staffId);
        }
    }

    /// <summary>A nudge raised, or a change to one, for one staff member.</summary>
    private readonly record struct Delivery(string Tenant, string StaffId, Nudge? Raised, NudgeChange? Change);
}
