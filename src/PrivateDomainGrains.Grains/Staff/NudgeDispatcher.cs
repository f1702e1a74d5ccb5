using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Grains.Hosting;

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
    private readonly GrainReferences<IStaffGrain> _staff;
    private readonly NudgeDispatchMetrics _metrics;
    private readonly ILogger<NudgeDispatcher> _logger;
    private readonly Task _loop;

    // Queued and not yet taken by the loop, for the queue gauge (a single-reader channel cannot count itself).
    private long _queued;

    public NudgeDispatcher(GrainReferences<IStaffGrain> staff, NudgeDispatchMetrics metrics, ILogger<NudgeDispatcher> logger)
    {
        (_staff, _metrics, _logger) = (staff, metrics, logger);
        metrics.ObserveQueue(() => (int)Interlocked.Read(ref _queued));
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Queues committed nudges for their owners. Once the silo is stopping this is refused silently: the nudges are in
    /// the inbox, and the consoles of a stopping node reconnect and replay it.
    /// </summary>
    public void Post(IEnumerable<Nudge> nudges)
    {
        var trace = CurrentTrace;
        Enqueue(nudges.Select(nudge => new Delivery(nudge.Tenant, nudge.StaffId, nudge, null, trace)));
    }

    /// <summary>Queues changes to nudges (closed, snoozed) for their staff members' consoles, batched like nudges.</summary>
    public void PostChanges(string tenant, IEnumerable<(string StaffId, NudgeChange Change)> changes)
    {
        var trace = CurrentTrace;
        Enqueue(changes.Select(c => new Delivery(tenant, c.StaffId, null, c.Change, trace)));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    // Each delivery travels with the trace it was queued in, so its send continues that trace.
    private static ActivityContext CurrentTrace => Activity.Current?.Context ?? default;

    private void Enqueue(IEnumerable<Delivery> deliveries)
    {
        var queued = 0;
        foreach (var delivery in deliveries)
        {
            if (_queue.Writer.TryWrite(delivery)) queued++;
        }
        Interlocked.Add(ref _queued, queued);
    }

    private async Task LoopAsync()
    {
        var byStaff = new Dictionary<(string Tenant, string StaffId), List<Delivery>>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (_queue.Reader.TryRead(out var delivery))
            {
                var key = (delivery.Tenant, delivery.StaffId);
                if (!byStaff.TryGetValue(key, out var list)) byStaff[key] = list = [];
                list.Add(delivery);
                count++;
            }
            Interlocked.Add(ref _queued, -count);
            foreach (var ((tenant, staffId), deliveries) in byStaff) Send(tenant, staffId, deliveries);
            byStaff.Clear();
            if (count >= BusyBatch) await Task.Delay(GatherWindow);
        }
    }

    private void Send(string tenant, string staffId, List<Delivery> deliveries)
    {
        Nudge[] raised = [.. deliveries.Where(d => d.Raised is not null).Select(d => d.Raised!)];
        NudgeChange[] changed = [.. deliveries.Where(d => d.Change is not null).Select(d => d.Change!)];
        try
        {
            // The span is current while the calls are made, so the staff grain's calls continue the deliveries' traces.
            using var span = _metrics.StartDispatch([.. deliveries.Select(d => d.Trace)], raised.Length);
            // One-way: the staff grain forwards to the nodes with this member's consoles; nothing here waits on them.
            var staff = _staff.For(tenant, staffId);
            if (raised.Length > 0) _ = staff.DeliverAsync(raised);
            if (changed.Length > 0) _ = staff.DeliverChangesAsync(changed);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Sending {Count} nudges and {Changed} changes to {Tenant}/{StaffId} failed; consoles catch up from the inbox on their next connect",
                raised.Length, changed.Length, tenant, staffId);
        }
    }

    /// <summary>A nudge raised, or a change to one, for one staff member, with the trace it was queued in.</summary>
    private readonly record struct Delivery(string Tenant, string StaffId, Nudge? Raised, NudgeChange? Change, ActivityContext Trace);
}
