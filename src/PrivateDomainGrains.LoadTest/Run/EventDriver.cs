using PrivateDomainGrains.Client;
using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Api;
using PrivateDomainGrains.LoadTest.Live;
using PrivateDomainGrains.LoadTest.Workload;

namespace PrivateDomainGrains.LoadTest.Run;

/// <summary>
/// The open-loop sender: each batch goes out when the schedule says, whether or not earlier ones were answered.
/// Only the in-flight cap can hold a batch back, and then its latency still counts from its scheduled time, so
/// the wait shows up in the numbers instead of silently lowering the offered rate (coordinated omission).
/// With <paramref name="retryFor"/> above zero, a batch that got a 5xx answer, a timeout or no connection is sent again
/// with the same event ids to the next node (events it already stored come back as duplicates: the platform's
/// idempotency contract) until it is answered or the time is up; its latency then includes the retries.
/// </summary>
/// <param name="backfill">Post the events as history (<c>"mode":"backfill"</c>): they raise no nudge.</param>
/// <param name="call">How this sender's requests are named in the request log ("events"; the noisy preset's tenant A has its own).</param>
public sealed class EventDriver(
    ArrivalSchedule schedule,
    EventGenerator generator,
    NodePool nodes,
    TenantCredentials credentials,
    int batchSize,
    int maxInFlight,
    RunClock clock,
    RunCounters counters,
    LiveLatency ackLatency,
    DueTimes? dueTimes,
    ErrorLog errors,
    RequestLog requests,
    TimeSpan retryFor,
    string call = EventDriver.DefaultCall,
    bool backfill = false)
{
    /// <summary>How the run's own event requests are named in the request log.</summary>
    public const string DefaultCall = "events";

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Sends the schedule starting at <paramref name="startTicks"/> and returns every sent event's fate, in schedule
    /// order. Cancelling stops sending; what was sent is still returned so an interrupted run gets a report.
    /// </summary>
    public async Task<SentEvent[]> RunAsync(long startTicks, CancellationToken ct)
    {
        var sent = new SentEvent[schedule.TotalEvents];
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        long dispatched = 0;
        foreach (var batch in schedule.Batches(batchSize))
        {
            var due = startTicks + batch.Due.Ticks;
            if (!await WaitForTurnAsync(due, slots, ct)) break;
            var events = new PostedEvent[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                events[i] = generator.Next(batch.FirstIndex + i, clock.WallAt(due));
                if (batch.Measured) dueTimes?.Register(events[i].Id, due);
            }
            counters.RequestStarted(batch.Count);
            // Serialising and writing happen off the schedule loop so a large batch cannot delay the next one.
            _ = Task.Run(() => SendAsync(batch, events, due, sent, slots, ct), CancellationToken.None);
            dispatched += batch.Count;
        }
        // Every slot back means every request has been answered or has failed.
        for (var i = 0; i < maxInFlight; i++) await slots.WaitAsync(CancellationToken.None);
        return dispatched == sent.Length ? sent : sent[..(int)dispatched];
    }

    private async Task SendAsync(ScheduledBatch batch, PostedEvent[] events, long due, SentEvent[] sent, SemaphoreSlim slots, CancellationToken ct)
    {
        var outcomes = IngestOutcomes.AllFailed(events.Length);
        long answered = 0;
        var giveUpAt = clock.NowTicks + retryFor.Ticks;
        var backoff = FirstBackoff;
        while (true)
        {
            var node = nodes.Next();
            try
            {
                var client = credentials.On(node).Events;
                var response = backfill ? await client.BackfillAsync(events, ct) : await client.PostAsync(events, ct);
                answered = clock.NowTicks;
                requests.Answered(call, node.BaseAddress, 200);
                outcomes = IngestOutcomes.Classify(events.Length, response.Duplicates, response.Errors.Select(e => e.Index));
                var rejected = outcomes.Count(o => o == EventOutcome.Rejected);
                counters.RequestAnswered(events.Length - rejected, rejected);
                if (batch.Measured && events.Length > rejected) ackLatency.Record(answered - due, events.Length - rejected);
                if (response.Errors is { Count: > 0 } rejections)
                    errors.Record("rejected event", new InvalidDataException(string.Join("; ", rejections[0].Errors)));
                break;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                requests.Failed(call, node.BaseAddress, e);
                errors.Record($"post {call} to {node.BaseAddress}", e);
                var (status, _) = RequestAttempt.Describe(e);
                if (status is null) nodes.Unreachable(node);
                // A 4xx is the request's own fault: sending it again cannot help.
                if (status is < 500 || clock.NowTicks + backoff.Ticks > giveUpAt || !await DelayAsync(backoff, ct))
                {
                    counters.RequestFailed(events.Length);
                    break;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
            catch (Exception)
            {
                // Cancelled: the run is stopping, the batch's fate is unknown.
                counters.RequestFailed(events.Length);
                break;
            }
        }
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            sent[batch.FirstIndex + i] = new SentEvent(e.Id, e.CustomerId!, e.Type, e.StaffId, due, answered, batch.Measured, outcomes[i], backfill);
        }
        // Released only after the outcomes are written: the final wait for all slots relies on it.
        slots.Release();
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
