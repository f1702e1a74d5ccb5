using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Handovers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Jobs;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Handovers;

/// <summary>
/// Moves every customer of one staff member to another. It pages through the ownership index in customer id order and
/// calls <see cref="ICustomerGrain.HandOverAsync"/> a bounded number at a time; each customer moves its open nudges
/// and pushes them to the new owner itself. Progress is saved after every page. A reminder brings the grain back if
/// its silo dies, and the activation resumes after the last saved page: customers of a page that was cut short have
/// either moved (and left the departing member's rows) or are moved again, which changes nothing.
/// <para>
/// A departure (离职继承) first records the successor in the tenant, so events that still name the leaver count as the
/// successor's on every silo within <see cref="HandoverOptions.Settle"/>; it also moves the customers the leaver only
/// has nudges about. A handover completes only when a full pass, begun after that, finds nothing left (or after
/// <see cref="HandoverOptions.MaxPasses"/>, reporting what remains).
/// </para>
/// </summary>
public sealed class HandoverGrain(
    [PersistentState(PlatformStorage.HandoverState, PlatformStorage.Name)] IPersistentState<HandoverState> state,
    CustomerOwners owners,
    WebhookDeliveries webhooks,
    IOptions<HandoverOptions> options,
    ILogger<HandoverGrain> logger) : Grain, IHandoverGrain, IRemindable
{
    /// <summary>
    /// The webhook notification of a completed handover (handoverId, from, to, departure, moved, remaining, failed,
    /// passes, startedAt, finishedAt). Written, once per handover, just before the handover is stored as completed, so a
    /// run cut off between the two writes it again and adds nothing.
    /// </summary>
    public const string FinishedNotification = "handover.finished";

    private string _tenant = "";
    private string _handoverId = "";
    private ResumableJob? _job;

    private ResumableJob Job => _job ??= new(this, MoveAllAsync, () => state.State.Moved, logger);

    private bool Running => state.RecordExists && state.State.State == HandoverStates.Running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _handoverId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        if (Running) Job.Start();
        return Task.CompletedTask;
    }

    public async Task<HandoverView> StartAsync(string fromStaffId, string toStaffId, bool departure = false)
    {
        if (state.RecordExists) return View();
        if (departure) await GrainFactory.GetGrain<ITenantGrain>(_tenant).SetSuccessorAsync(fromStaffId, toStaffId);
        state.State = new HandoverState
        {
            From = fromStaffId,
            To = toStaffId,
            State = HandoverStates.Running,
            Departure = departure,
            Total = await owners.CountAsync(_tenant, fromStaffId, withNamedNudges: departure),
            StartedAt = DateTimeOffset.UtcNow,
        };
        // Reminder before the record: a handover that is stored as running always has something to resume it.
        await Job.KeepResumableAsync();
        await state.WriteStateAsync();
        logger.LogInformation("{Tenant} handover {HandoverId}: {Total} customers of {From} to {To}", _tenant, _handoverId, state.State.Total, fromStaffId, toStaffId);
        Job.Start();
        return View();
    }

    public Task<HandoverView?> GetAsync() => Task.FromResult(state.RecordExists ? View() : null);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Job.ReceiveReminderAsync(Running);

    /// <summary>
    /// Runs page after page, pass after pass, until a pass that began once the departure settled finds nothing left.
    /// A customer that failed in one pass is tried again in the next; <see cref="HandoverState.Failed"/> counts what the
    /// last pass could not move.
    /// </summary>
    private async Task MoveAllAsync(CancellationToken cancellationToken)
    {
        var handover = state.State;
        var (pageSize, settle, maxPasses) = (options.Value.PageSize, options.Value.Settle, options.Value.MaxPasses);
        while (!cancellationToken.IsCancellationRequested)
        {
            var passStartedAt = DateTimeOffset.UtcNow;
            var failedThisPass = 0L;
            while (!cancellationToken.IsCancellationRequested)
            {
                var page = await owners.PageAsync(_tenant, handover.From, handover.After, pageSize, handover.Departure, cancellationToken);
                if (page.Count == 0) break;
                var failed = await MovePageAsync(page, handover.From, handover.To, handover.Departure);
                handover.Moved += page.Count - failed;
                failedThisPass += failed;
                handover.After = page[^1];
                await state.WriteStateAsync(cancellationToken);
            }
            if (cancellationToken.IsCancellationRequested) return;
            handover.Passes++;
            handover.Failed = failedThisPass;
            handover.Remaining = await owners.CountAsync(_tenant, handover.From, handover.Departure, cancellationToken);
            handover.Total = Math.Max(handover.Total, handover.Moved + handover.Remaining);
            handover.After = "";
            var settled = !handover.Departure || passStartedAt >= handover.StartedAt + settle;
            if ((handover.Remaining == 0 && settled) || handover.Passes >= maxPasses) break;
            await state.WriteStateAsync(cancellationToken);
            // Wait out the settle time before the pass that may be the last: a late event may still name the leaver until then.
            if (!settled) await Task.Delay(handover.StartedAt + settle - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
        }
        if (cancellationToken.IsCancellationRequested) return;
        var finishedAt = DateTimeOffset.UtcNow;
        await webhooks.NotifyAsync(_tenant, FinishedNotification, [($"{FinishedNotification}:{_handoverId}", null, finishedAt, JsonSerializer.Serialize(new
        {
            handoverId = _handoverId, from = handover.From, to = handover.To, departure = handover.Departure, moved = handover.Moved,
            remaining = handover.Remaining, failed = handover.Failed, passes = handover.Passes, startedAt = handover.StartedAt, finishedAt,
        }))], cancellationToken);
        handover.State = HandoverStates.Completed;
        handover.FinishedAt = finishedAt;
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("{Tenant} handover {HandoverId} completed after {Passes} passes: {Moved} moved, {Remaining} left with {From}",
            _tenant, _handoverId, handover.Passes, handover.Moved, handover.Remaining, handover.From);
        await Job.EndAsync();
    }

    /// <summary>Moves one page, a bounded number of customers at a time; returns how many could not be moved.</summary>
    private async Task<int> MovePageAsync(List<string> customers, string fromStaffId, string toStaffId, bool departure)
    {
        var moved = await BoundedWork.ForEachAsync(customers, options.Value.MaxConcurrentMoves, customerId => MoveAsync(customerId, fromStaffId, toStaffId, departure));
        var failed = moved.Count(ok => !ok);
        if (failed > 0)
            logger.LogWarning("{Tenant} handover {HandoverId}: {Failed} of {Count} customers could not be moved; they stay with their owner", _tenant, _handoverId, failed, customers.Count);
        return failed;
    }

    private async Task<bool> MoveAsync(string customerId, string fromStaffId, string toStaffId, bool departure)
    {
        try
        {
            // A customer someone reassigned since the page was read stays where they put it.
            await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(_tenant, customerId)).HandOverAsync(fromStaffId, toStaffId, departure);
            return true;
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "{Tenant} handover {HandoverId}: moving {CustomerId} failed", _tenant, _handoverId, customerId);
            return false;
        }
    }

    private HandoverView View()
    {
        var s = state.State;
        return new HandoverView(_handoverId, s.From, s.To, s.State, s.Total, s.Moved, s.Failed, s.StartedAt, s.FinishedAt)
        {
            Remaining = s.Remaining,
            Departure = s.Departure,
        };
    }
}
