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

    private readonly Channel<Nudge> _queue = Channel.CreateUnbounded<Nudge>(new() { SingleReader = true });
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
        foreach (var nudge in nudges) _queue.Writer.TryWrite(nudge);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync()
    {
        var byStaff = new Dictionary<(string Tenant, string StaffId), List<Nudge>>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var count = 0;
            while (_queue.Reader.TryRead(out var nudge))
            {
                var key = (nudge.Tenant, nudge.StaffId);
                if (!byStaff.TryGetValue(key, out var list)) byStaff[key] = list = [];
                list.Add(nudge);
                count++;
            }
            foreach (var ((tenant, staffId), nudges) in byStaff) Send(tenant, staffId, [.. nudges]);
            byStaff.Clear();
            if (count >= BusyBatch) await Task.Delay(GatherWindow);
        }
    }

    private void Send(string tenant, string staffId, Nudge[] nudges)
    {
        try
        {
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
