using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Scheduling;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Scheduling;

/// <summary>
/// Wakes the customers of this shard's buckets when the due-time index says they are due. One reminder per shard
/// (not per customer) brings the shard back after a restart; a grain timer polls, claims due rows with a lease and
/// calls <see cref="ICustomerGrain.WakeAsync"/> on each, a bounded number at a time. The customer's own write of its
/// next due time (or removal) ends the lease; a wake that fails leaves the lease to expire, and the row is claimed again.
/// </summary>
public sealed class SchedulerShardGrain(
    DueIndex index, GrainReferences<ICustomerGrain> customers, IOptions<SchedulerOptions> options, SchedulerMetrics metrics, ILogger<SchedulerShardGrain> logger)
    : Grain, ISchedulerShardGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";

    // Orleans' minimum reminder period; the reminder only re-activates the shard, the timer does the work.
    private static readonly TimeSpan KeepAlivePeriod = TimeSpan.FromMinutes(1);

    private readonly SchedulerOptions _options = options.Value;
    private int _shard;
    private short[] _buckets = [];
    private long _woken;
    private long _failures;
    private TimeSpan _lastLag;
    private DateTimeOffset _backlogCountedAt = DateTimeOffset.MinValue;

    private bool Retired => _shard >= _options.Shards;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = (int)this.GetPrimaryKeyLong();
        if (!Retired)
        {
            _buckets = DueBuckets.OwnedBy(_shard, _options.Shards);
            // The next tick waits for the current one, so polls never overlap. A poll that drains a backlog runs for
            // minutes; interleaving lets the keep-alive reminder and stats calls through meanwhile.
            this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollInterval) { KeepAlive = true, Interleave = true });
        }
        return Task.CompletedTask;
    }

    public Task StartAsync() =>
        Retired ? Task.CompletedTask : this.RegisterOrUpdateReminder(KeepAliveReminder, KeepAlivePeriod, KeepAlivePeriod);

    public async Task<SchedulerShardStats> GetStatsAsync()
    {
        var backlog = Retired ? 0 : await index.CountDueAsync(_buckets, DateTimeOffset.UtcNow);
        return new SchedulerShardStats(_shard, _woken, _failures, _lastLag, backlog);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The shard count went down: this shard owns no buckets any more, so its reminder has nothing to keep alive.
        if (Retired && await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            DeactivateOnIdle();
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        // One set of slots for the whole poll: the next batch is claimed as soon as the last one is under way, so a
        // few slow wakes at the end of a batch do not idle the other slots while a backlog waits.
        using var slots = new SemaphoreSlim(_options.MaxConcurrentWakes);
        var poll = new PollOutcome();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow;
                IReadOnlyList<DueClaim> claims;
                try
                {
                    await CountBacklogAsync(now, cancellationToken);
                    claims = await index.ClaimAsync(_buckets, now, _options.ClaimBatch, _options.Lease, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Scheduler shard {Shard} could not claim due customers; retrying at the next poll", _shard);
                    return;
                }
                if (claims.Count == 0) return;
                metrics.Claimed(claims, now);

                foreach (var claim in claims)
                {
                    await slots.WaitAsync(CancellationToken.None);
                    _ = WakeAsync(claim, slots, poll);
                }
                _lastLag = DateTimeOffset.UtcNow - claims.Min(c => c.DueAt);
                poll.Claimed += claims.Count;
                if (claims.Count < _options.ClaimBatch) return;
            }
        }
        finally
        {
            // Holding every slot means every wake of this poll has finished: polls never overlap.
            for (var i = 0; i < _options.MaxConcurrentWakes; i++) await slots.WaitAsync(CancellationToken.None);
            // One line per poll, not per customer: a broken wake path must not flood the log.
            if (poll.FirstError is { } error)
                logger.LogWarning(error, "Scheduler shard {Shard}: {Failed} of {Claimed} wakes failed; they are retried when their lease expires",
                    _shard, poll.Failed, poll.Claimed);
        }
    }

    private async Task WakeAsync(DueClaim claim, SemaphoreSlim slots, PollOutcome poll)
    {
        try
        {
            await customers.For(claim.Tenant, claim.CustomerId).WakeAsync(claim.DueAt);
            _woken++;
            metrics.Wake(succeeded: true);
        }
        catch (Exception ex)
        {
            _failures++;
            metrics.Wake(succeeded: false);
            poll.Failed++;
            poll.FirstError ??= ex;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Reports this shard's due customers to <see cref="SchedulerMetrics"/>, at most every sample interval.</summary>
    private async Task CountBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _backlogCountedAt < SchedulerMetrics.BacklogSampleInterval) return;
        _backlogCountedAt = now;
        metrics.Backlog(_shard, await index.CountDueAsync(_buckets, now, cancellationToken));
    }

    /// <summary>What one poll claimed and what failed; its continuations run on this grain's scheduler, one at a time.</summary>
    private sealed class PollOutcome
    {
        public int Claimed;
        public int Failed;
        public Exception? FirstError;
    }
}
