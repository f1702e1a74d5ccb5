using System.Diagnostics;
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

    // Each nudge travels with the trace it was raised in, so its send continues that trace.
    private readonly Channel<(Nudge Nudge, ActivityContext Trace)> _queue =
        Channel.CreateUnbounded<(Nudge, ActivityContext)>(new() { SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly NudgeDispatchMetrics _metrics;
    private readonly ILogger<NudgeDispatcher> _logger;
    private readonly Task _loop;

    // Queued and not yet taken by the loop, for the queue gauge (a single-reader channel cannot count itself).
    private long _queued;

    public NudgeDispatcher(IGrainFactory grains, NudgeDispatchMetrics metrics, ILogger<NudgeDispatcher> logger)
    {
        (_grains, _metrics, _logger) = (grains, metrics, logger);
        metrics.ObserveQueue(() => (int)Interlocked.Read(ref _queued));
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>
    /// Queues committed nudges for their owners. Once the silo is stopping this is refused silently: the nudges are in
    /// the inbox, and the consoles of a stopping node reconnect and replay it.
    /// </summary>
    public void Post(IEnumerable<Nudge> nudges)
    {
        var trace = Activity.Current?.Context ?? default;
        var queued = 0;
        foreach (var nudge in nudges)
        {
            if (_queue.Writer.TryWrite((nudge, trace))) queued++;
        }
        Interlocked.Add(ref _queued, queued);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var byStaff = new Dictionary<(string Tenant, string StaffId), List<(Nudge Nudge, ActivityContext Trace)>>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (_queue.Reader.TryRead(out var item))
            {
                var key = (item.Nudge.Tenant, item.Nudge.StaffId);
                if (!byStaff.TryGetValue(key, out var list)) byStaff[key] = list = [];
                list.Add(item);
                count++;
            }
            Interlocked.Add(ref _queued, -count);
            foreach (var ((tenant, staffId), items) in byStaff) Send(tenant, staffId, items);
            byStaff.Clear();
            if (count >= BusyBatch) await Task.Delay(GatherWindow);
        }
    }

    private void Send(string tenant, string staffId, List<(Nudge Nudge, ActivityContext Trace)> items)
    {
        Nudge[] nudges = [.. items.Select(i => i.Nudge)];
        try
        {
            // The span is current while the call is made, so the staff grain's call continues the nudges' trace.
            using var span = _metrics.StartDispatch([.. items.Select(i => i.Trace)]);
            // One-way: the staff grain forwards to the nodes with this member's consoles; nothing here waits on them.
            _ = _grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId)).DeliverAsync(nudges);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Sending {Count} nudges to {Tenant}/{StaffId} failed; they stay in the inbox for the next connect",
                nudges.Length, tenant, staffId);
        }
    }
}
