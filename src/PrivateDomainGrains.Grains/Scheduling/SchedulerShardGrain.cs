using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Scheduling;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Scheduling;

/// <summary>
/// Wakes the customers of this shard's buckets when the due-time index says they are due. One reminder per shard
/// (not per customer) brings the shard back after a restart; a grain timer polls, claims due rows with a lease and
/// calls <see cref="ICustomerGrain.WakeAsync"/> on each, a bounded number at a time. The customer's own write of its
/// next due time (or removal) ends the lease; a wake that fails leaves the lease to expire, and the row is claimed again.
/// </summary>
public sealed class SchedulerShardGrain(DueIndex index, IOptions<SchedulerOptions> options, ILogger<SchedulerShardGrain> logger)
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

    private bool Retired => _shard >= _options.Shards;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = (int)this.GetPrimaryKeyLong();
        if (!Retired)
        {
            _buckets = DueBuckets.OwnedBy(_shard, _options.Shards);
            // Timer callbacks are non-interleaving turns and the next tick waits for the current one: polls never overlap.
            this.RegisterGrainTimer(PollAsync, new GrainTimerCreationOptions(TimeSpan.Zero, _options.PollInterval) { KeepAlive = true });
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
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            IReadOnlyList<DueClaim> claims;
            try
            {
                claims = await index.ClaimAsync(_buckets, now, _options.ClaimBatch, _options.Lease, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Scheduler shard {Shard} could not claim due customers; retrying at the next poll", _shard);
                return;
            }
            if (claims.Count == 0) return;

            await WakeAllAsync(claims);
            _lastLag = DateTimeOffset.UtcNow - claims.Min(c => c.DueAt);
            if (claims.Count < _options.ClaimBatch) return;
        }
    }

    private async Task WakeAllAsync(IReadOnlyList<DueClaim> claims)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrentWakes);
        var wakes = new Task<Exception?>[claims.Count];
        for (var i = 0; i < claims.Count; i++)
        {
            await slots.WaitAsync();
            wakes[i] = WakeAsync(claims[i], slots);
        }
        var errors = (await Task.WhenAll(wakes)).Where(e => e is not null).ToList();
        _woken += claims.Count - errors.Count;
        _failures += errors.Count;
        // One line per batch, not per customer: a broken wake path must not flood the log.
        if (errors.Count > 0)
            logger.LogWarning(errors[0], "Scheduler shard {Shard}: {Failed} of {Claimed} wakes failed; they are retried when their lease expires",
                _shard, errors.Count, claims.Count);
    }

    private async Task<Exception?> WakeAsync(DueClaim claim, SemaphoreSlim slots)
    {
        try
        {
            await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(claim.Tenant, claim.CustomerId)).WakeAsync(claim.DueAt);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            slots.Release();
        }
    }
}
