using Microsoft.Extensions.Logging;
using System.Text.Json;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// Merging two customers and undoing it (issue 14). The survivor's grain runs both: it asks the absorbed customer for
/// its state (<see cref="HandToMergeAsync"/>, after which calls to the absorbed customer wait), folds it in with the pure
/// <see cref="CustomerMerge"/>, stores everything in one transaction (<see cref="CustomerMerges"/>) and tells the
/// absorbed customer how it ended (<see cref="MergeSettledAsync"/>): from then on it redirects every call here. The only
/// cost on the hot path is <see cref="SurvivorAsync"/>'s check of two fields.
/// </summary>
public sealed partial class CustomerGrain
{
    /// <summary>How long an absorbed customer waits for a survivor that asked for its state before it reads storage instead.</summary>
    private static readonly TimeSpan HandoffTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The customer this one was merged into: every call goes there.</summary>
    private string? _mergedInto;

    /// <summary>Set while a survivor holds this customer's state for a merge: calls wait for it to settle.</summary>
    private TaskCompletionSource? _handedOver;

    /// <summary>
    /// The survivor this customer was merged into, to forward a call to, once any merge under way has settled; null when
    /// this customer stands on its own. Every call asks first: one standing on its own answers at once, allocating nothing.
    /// </summary>
    private async ValueTask<ICustomerGrain?> SurvivorAsync()
    {
        if (_handedOver is { } handoff)
        {
            try
            {
                await handoff.Task.WaitAsync(HandoffTimeout);
            }
            catch (TimeoutException)
            {
                // The survivor never said how its merge ended (its node stopped): storage knows.
                logger.LogWarning("{Tenant}/{CustomerId} heard nothing from the merge it was handed to; reading storage", _tenant, _profile.CustomerId);
                _handedOver = null;
                await LoadAsync(_profile.CustomerId);
            }
        }
        return _mergedInto is null ? null : Customer(_mergedInto);
    }

    private ICustomerGrain Customer(string customerId) => GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(_tenant, customerId));

    public async Task<MergeOutcome> MergeAsync(string absorbedId, string by)
    {
        _onlyWoken = false;
        var id = _profile.CustomerId;
        if (await SurvivorAsync() is not null) return MergeOutcome.Conflict(MergePhrases.MergedInto.Say(id, _mergedInto));
        if (absorbedId == id) return MergeOutcome.Conflict(MergePhrases.IntoItself.Say(id));
        if (_erasedAt is { } erasedAt) return MergeOutcome.Conflict(MergePhrases.Erased.Say(id, erasedAt));
        if (!_profile.Exists) return MergeOutcome.NotFound(Unknown(id));
        var absorbed = Customer(absorbedId);
        var handoff = await absorbed.HandToMergeAsync(id);
        if (handoff.Problem is { } problem) return handoff.Unknown ? MergeOutcome.NotFound(problem) : MergeOutcome.Conflict(problem);

        string? settled = null;
        var before = StorageJson.Write(_profile);
        try
        {
            var (survivorSequence, survivorDue) = (_profile.JournalSequence, _nextDueAt);
            var other = StorageJson.Read<CustomerProfile>(handoff.Profile!);
            var mergeId = "mg-" + Guid.NewGuid().ToString("N");
            var now = DateTimeOffset.UtcNow;
            CustomerMerge.Fold(_profile, other);
            var dueAt = handoff.DueAt is { } theirs && (_nextDueAt is null || theirs < _nextDueAt) ? theirs : _nextDueAt;
            CustomerChangeRow[] changes =
            [
                new(_tenant, id, now, CustomerChangeKinds.Merged, JsonSerializer.Serialize(new { absorbedId, mergeId, by })),
                new(_tenant, absorbedId, now, CustomerChangeKinds.MergedInto, JsonSerializer.Serialize(new { survivorId = id, mergeId, by })),
            ];
            var outcome = await _commits.CommitMergeAsync(store.Merges, new CustomerMerges.MergeWrite(_tenant, mergeId, id, absorbedId, by,
                before, survivorSequence, survivorDue, handoff.Revision, handoff.JournalSequence, handoff.DueAt, changes), _profile, dueAt);
            if (outcome.Merge is not { } merge)
            {
                Restore(before);
                return MergeOutcome.Conflict(outcome.Refused!);
            }
            (_nextDueAt, _nextSequence, settled) = (dueAt, _profile.JournalSequence + 1, id);
            publisher.Readdressed(_tenant, outcome.Readdressed);
            logger.LogInformation("{Tenant}/{AbsorbedId} merged into {CustomerId} by {By} ({MergeId}: {Events} events, {Identities} identities, {Nudges} nudges)",
                _tenant, absorbedId, id, by, mergeId, merge.AbsorbedSequence, merge.MovedIdentities.Count, merge.MovedNudges);
            return new MergeOutcome(MergeStatus.Done, null, ViewOf(merge), View(await tenants.GetAsync(_tenant)));
        }
        catch
        {
            // Storage may or may not hold the merge: the next activation reads which.
            Restore(before);
            DiscardActivation();
            throw;
        }
        finally
        {
            await absorbed.MergeSettledAsync(settled);
        }
    }

    public async Task<MergeOutcome> UndoMergeAsync(string mergeId, string by)
    {
        _onlyWoken = false;
        var id = _profile.CustomerId;
        if (await SurvivorAsync() is not null)
            return MergeOutcome.Conflict(MergePhrases.ItselfMergedSince.Say(id, _mergedInto));
        if (await store.Merges.GetAsync(_tenant, mergeId) is not { } merge || merge.SurvivorId != id)
            return MergeOutcome.NotFound(MergePhrases.NoMergeOf.Say(id, mergeId));
        if (merge.UndoneAt is { } undoneAt) return MergeOutcome.Conflict(MergePhrases.UndoneAt.Say(mergeId, undoneAt));
        if (!StorageJson.Write(_profile).AsSpan().SequenceEqual(merge.SurvivorAfter)) return MergeOutcome.Conflict(await WhatChangedAsync(merge));

        var before = StorageJson.Read<CustomerProfile>(merge.SurvivorBefore);
        before.CustomerId = id;
        var absorbed = merge.AbsorbedSnapshot is { } body ? StorageJson.Read<CustomerProfile>(body) : null;
        if (absorbed is not null) absorbed.CustomerId = merge.AbsorbedId;
        var now = DateTimeOffset.UtcNow;
        var detail = JsonSerializer.Serialize(new { survivorId = id, absorbedId = merge.AbsorbedId, mergeId, by });
        var outcome = await _commits.CommitUndoAsync(store.Merges, merge, by, before, absorbed,
            [new(_tenant, id, now, CustomerChangeKinds.MergeUndone, detail), new(_tenant, merge.AbsorbedId, now, CustomerChangeKinds.MergeUndone, detail)]);
        if (outcome.Merge is not { } undone) return MergeOutcome.Conflict(outcome.Refused!);
        (_profile, _nextDueAt, _nextSequence) = (before, merge.SurvivorDueAt, before.JournalSequence + 1);
        publisher.Readdressed(_tenant, outcome.Readdressed);
        await Customer(merge.AbsorbedId).MergeUndoneAsync();
        logger.LogInformation("{Tenant}/{AbsorbedId} merge into {CustomerId} undone by {By} ({MergeId})", _tenant, merge.AbsorbedId, id, by, mergeId);
        return new MergeOutcome(MergeStatus.Done, null, ViewOf(undone), View(await tenants.GetAsync(_tenant)));
    }

    public async Task<MergeHandoff> HandToMergeAsync(string survivorId)
    {
        _onlyWoken = false;
        var id = _profile.CustomerId;
        if (await SurvivorAsync() is not null) return Refused(MergePhrases.MergedAlready.Say(id, _mergedInto));
        if (_erasedAt is { } erasedAt) return Refused(MergePhrases.Erased.Say(id, erasedAt));
        if (!_profile.Exists) return Refused(Unknown(id), unknown: true);
        // Snapshot first: the survivor's merge is refused if this revision or the journal moved on before it committed,
        // and an undo finds this customer exactly as it is now in its snapshot row.
        await CommitAsync(Pending(), snapshot: true);
        _handedOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new MergeHandoff(StorageJson.Write(_profile), _commits.Revision, _profile.JournalSequence, _nextDueAt, null);

        static MergeHandoff Refused(string problem, bool unknown = false) => new(null, 0, 0, null, problem, unknown);
    }

    public Task MergeSettledAsync(string? survivorId)
    {
        var handoff = _handedOver;
        _handedOver = null;
        if (survivorId is not null)
        {
            // Everything it was now belongs to the survivor: keep nothing of it in memory, and never snapshot it again.
            (_mergedInto, _profile, _nextDueAt, _discardOnDeactivate) = (survivorId, new CustomerProfile { CustomerId = _profile.CustomerId }, null, true);
        }
        handoff?.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task MergeUndoneAsync()
    {
        (_mergedInto, _handedOver, _discardOnDeactivate) = (null, null, false);
        await LoadAsync(_profile.CustomerId);
    }

    /// <summary>Puts the survivor's profile back as it was before a merge that storage refused.</summary>
    private void Restore(byte[] before)
    {
        var id = _profile.CustomerId;
        _profile = StorageJson.Read<CustomerProfile>(before);
        _profile.CustomerId = id;
    }

    /// <summary>What changed on the survivor since <paramref name="merge"/>, for the undo's 409.</summary>
    private async Task<string> WhatChangedAsync(CustomerMerges.MergeRecord merge)
    {
        var id = _profile.CustomerId;
        var later = (await store.Merges.ListAsync(_tenant, id))
            .FirstOrDefault(m => m.SurvivorId == id && m.UndoneAt is null && m.MergedAt > merge.MergedAt);
        if (later is not null)
            return MergePhrases.LaterMerge.Say(later.AbsorbedId, id, later.MergeId);
        var after = StorageJson.Read<CustomerProfile>(merge.SurvivorAfter);
        var what = new List<string>();
        if (_profile.JournalSequence != after.JournalSequence) what.Add(MergePhrases.EventsArrived.Say(_profile.JournalSequence - after.JournalSequence));
        if (!_profile.Tags.SequenceEqual(after.Tags)) what.Add(MergePhrases.TagsChanged.Say(WordedList.Each(_profile.Tags)));
        if (_profile.OwnerStaffId != after.OwnerStaffId) what.Add(MergePhrases.OwnerChanged.Say(_profile.OwnerStaffId));
        if (what.Count == 0) what.Add(MergePhrases.DecidedSince.Say());
        return MergePhrases.ChangedSince.Say(id, merge.MergeId, WordedList.Clauses(what));
    }

    private static CustomerMergeView ViewOf(CustomerMerges.MergeRecord m) => new(
        m.MergeId, m.SurvivorId, m.AbsorbedId, m.MergedAt, m.MergedBy, m.AbsorbedSequence, m.MovedIdentities.Count, m.MovedNudges, m.UndoneAt, m.UndoneBy);

    private static string Unknown(string customerId) => CustomerPhrases.NotYet.Say(customerId);
}
