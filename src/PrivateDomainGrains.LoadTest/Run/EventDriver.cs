using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// The open-loop sender: each batch goes out when the schedule says, whether or not earlier ones were answered.
/// Only the in-flight cap can hold a batch back, and then its latency still counts from its scheduled time, so
/// the wait shows up in the numbers instead of silently lowering the offered rate (coordinated omission).
/// </summary>
public sealed class EventDriver(
    ArrivalSchedule schedule,
    EventGenerator generator,
    IReadOnlyList<PlatformApiClient> nodes,
    TenantCredentials credentials,
    int batchSize,
    int maxInFlight,
    RunClock clock,
    RunCounters counters,
    LiveLatency ackLatency,
    DueTimes? dueTimes,
    ErrorLog errors)
{
    /// <summary>
    /// Sends the schedule starting at <paramref name="startTicks"/> and returns every sent event's fate, in schedule
    /// order. Cancelling stops sending; what was sent is still returned so an interrupted run gets a report.
    /// </summary>
    public async Task<SentEvent[]> RunAsync(long startTicks, CancellationToken ct)
    {
        var sent = new SentEvent[schedule.TotalEvents];
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var batchNumber = 0;
        long dispatched = 0;
        foreach (var batch in schedule.Batches(batchSize))
        {
            var due = startTicks + batch.Due.Ticks;
            if (!await WaitForTurnAsync(due, slots, ct)) break;
            var events = new LoadEvent[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                events[i] = generator.Next(batch.FirstIndex + i, clock.WallAt(due));
                if (batch.Measured) dueTimes?.Register(events[i].Id, due);
            }
            counters.RequestStarted(batch.Count);
            var node = nodes[batchNumber++ % nodes.Count];
            // Serialising and writing happen off the schedule loop so a large batch cannot delay the next one.
            _ = Task.Run(() => SendAsync(node, batch, events, due, sent, slots, ct), CancellationToken.None);
            dispatched += batch.Count;
        }
        // Every slot back means every request has been answered or has failed.
        for (var i = 0; i < maxInFlight; i++) await slots.WaitAsync(CancellationToken.None);
        return dispatched == sent.Length ? sent : sent[..(int)dispatched];
    }

    private async Task SendAsync(PlatformApiClient node, ScheduledBatch batch, LoadEvent[] events, long due,
        SentEvent[] sent, SemaphoreSlim slots, CancellationToken ct)
    {
        EventOutcome[] outcomes;
        long answered = 0;
        try
        {
            var response = await node.PostEventsAsync(credentials.ApiKey, credentials.Tenant, events, ct);
            answered = clock.NowTicks;
            outcomes = IngestOutcomes.Classify(events.Length, response.Duplicates, response.Errors?.Select(e => e.Index) ?? []);
            var rejected = outcomes.Count(o => o == EventOutcome.Rejected);
            counters.RequestAnswered(events.Length - rejected, rejected);
            if (batch.Measured && events.Length > rejected) ackLatency.Record(answered - due, events.Length - rejected);
            if (response.Errors is { Count: > 0 } rejections)
                errors.Record("rejected event", new InvalidDataException(string.Join("; ", rejections[0].Errors ?? [])));
        }
        catch (Exception e)
        {
            outcomes = IngestOutcomes.AllFailed(events.Length);
            counters.RequestFailed(events.Length);
            if (!ct.IsCancellationRequested) errors.Record($"post events to {node.BaseAddress}", e);
        }
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            sent[batch.FirstIndex + i] = new SentEvent(e.Id, e.CustomerId, e.Type, e.StaffId, due, answered, batch.Measured, outcomes[i]);
        }
        // Released only after the outcomes are written: the final wait for all slots relies on it.
        slots.Release();
    }

    /// <summary>
    /// Sleeps until the due time, then takes an in-flight slot. Within a millisecond of due it sends rather than
    /// spin, since the machine is usually shared with the server. False when the run was cancelled.
    /// </summary>
    private async Task<bool> WaitForTurnAsync(long dueTicks, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            var wait = dueTicks - clock.NowTicks;
            if (wait >= TimeSpan.TicksPerMillisecond) await Task.Delay(TimeSpan.FromTicks(wait), ct);
            await slots.WaitAsync(ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
