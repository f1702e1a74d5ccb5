using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Campaigns;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Learning;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Grains.TenantInputs;
using PrivateDomainGrains.Grains.Tenants;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// One customer: holds the profile and calls the decision engine on every event, tag change, nudge response and due
/// time. Events are journaled by group commit before they are acknowledged, so an acknowledged event is durable
/// without a state write per event. What a decision produces commits in one transaction (<see cref="CustomerCommits"/>),
/// then fresh nudges are pushed to their staff members' consoles (<see cref="CustomerPublisher"/>).
/// </summary>
public sealed partial class CustomerGrain(
    CustomerStore store,
    PersonalDataEraser eraser,
    ITenantDecisionInputs tenants,
    ILearningSignalSink learning,
    StaffWorkload workload,
    CustomerPublisher publisher,
    ShutdownSnapshots shutdown,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private string _tenant = "";
    private CustomerProfile _profile = new();
    private CustomerCommits _commits = null!;
    private long _nextSequence;
    private DateTimeOffset? _nextDueAt;
    private bool _discardOnDeactivate;
    /// <summary>When the customer's personal data was erased: its events are refused from then on.</summary>
    private DateTimeOffset? _erasedAt;
    /// <summary>True while the scheduler's wake is the only reason this activation exists.</summary>
    private bool _onlyWoken = true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (var tenant, var customerId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        // A tenant has up to millions of customers: share one copy of its id instead of one per activation.
        _tenant = string.Intern(tenant);
        await LoadAsync(customerId);
        publisher.Activated();
    }

    /// <summary>
    /// Reads the customer from storage (the snapshot, then the journal after it, replayed) into this activation,
    /// replacing whatever it held.
    /// </summary>
    private async Task LoadAsync(string customerId)
    {
        _commits = store.Commits(_tenant, customerId);
        _profile = new CustomerProfile();
        var load = await store.LoadAsync(_tenant, customerId);
        _erasedAt = load.ErasedAt;
        _mergedInto = load.MergedInto;
        if (load.Snapshot is { } snapshot) _profile = StorageJson.Read<CustomerProfile>(snapshot.Body);
        _profile.CustomerId = customerId;
        // Until a decision says otherwise, the index is right about when the customer is next due.
        _commits.Loaded(load.Snapshot?.Revision ?? 0, load.DueAt);
        _nextDueAt = load.DueAt;
        if (load.Unfolded.Count > 0)
        {
            // Replay what the snapshot missed. Re-deciding yields the same nudge ids, so the inbox keeps what it
            // already has and gains what a crash lost; learning signals are not re-posted, so none count twice.
            var inputs = await tenants.GetAsync(_tenant);
            var pending = Pending();
            foreach (var row in load.Unfolded) Replay(inputs, row, pending);
            _commits.Changed(load.Unfolded.Count);
            await CommitAsync(pending, snapshot: true);
        }
        _nextSequence = _profile.JournalSequence + 1;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        publisher.Deactivated();
        if (_commits.Unsnapshotted == 0 || _discardOnDeactivate) return;
        // A stopping node snapshots within its budget and leaves the rest to the journal (replayed on next activation).
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && (cancellationToken.IsCancellationRequested || !shutdown.MaySnapshot())) return;
        await TrySnapshotAsync();
    }

    public async Task<IngestOutcome> IngestAsync(CustomerEvent[] events, bool backfill = false)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.IngestAsync(events, backfill);
        _onlyWoken = false;
        var admission = store.Admission(_tenant, _profile.CustomerId, events, backfill);
        if (_erasedAt is { } erasedAt)
        {
            // Erased on request: an integration still sending its events must not bring the customer back.
            admission.RefuseAll($"refused: the personal data of customer '{_profile.CustomerId}' was erased at {erasedAt:O}");
            return admission.ToOutcome(null);
        }
        var inputs = await LiveInputsAsync(DateTimeOffset.UtcNow);
        // The journal refuses a call whole when it already holds one of its ids: nothing of it was stored, and this
        // activation decided on events it must forget. Start again from storage, tell duplicates and conflicts apart,
        // and take the rest again (another customer may have taken one of its ids meanwhile: a few rounds at most).
        for (var round = 0; round < 3; round++)
        {
            var offered = admission.Offer(_profile, inputs, ref _nextSequence);
            if (offered.Count == 0 || await TryCommitEventsAsync(inputs, offered, admission) is not { Count: > 0 } refused) break;
            await LoadAsync(_profile.CustomerId);
            await admission.ClassifyRefusedAsync(offered, refused);
        }
        return admission.ToOutcome(_profile.OwnerStaffId);
    }

    /// <summary>
    /// Decides on the rows, then commits them with what they decided in one transaction: one round trip per ingest.
    /// The profile is ahead of storage until that commit, so a failed commit discards this activation (the next one
    /// rebuilds the profile from the snapshot and the journal; re-deciding yields the same nudge ids). Returns the
    /// ids the journal refused (then nothing was stored), empty when everything committed.
    /// </summary>
    private async Task<IReadOnlySet<string>> TryCommitEventsAsync(TenantDecisionInputs inputs, List<(int Index, JournalRow Row)> offered, CustomerIngest admission)
    {
        WriteResult result;
        try
        {
            var pending = Pending();
            foreach (var (_, row) in offered) DecideOn(inputs, row, live: true, pending);
            result = await CommitAsync(pending, snapshot: false, offered.ConvertAll(o => o.Row));
        }
        catch
        {
            DiscardActivation();
            throw;
        }
        if (result.Refused.Count > 0) return result.Refused;
        admission.Accepted(offered);
        _commits.Changed(offered.Count);
        if (_commits.SnapshotDue) await TrySnapshotAsync();
        return result.Refused;
    }

    /// <summary>The profile may hold effects storage does not: never snapshot it, start the next activation afresh.</summary>
    private void DiscardActivation()
    {
        _discardOnDeactivate = true;
        DeactivateOnIdle();
    }

    public async Task<CustomerView?> GetAsync()
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.GetAsync();
        _onlyWoken = false;
        if (!_profile.Exists) return null;
        return View(await tenants.GetAsync(_tenant));
    }

    public async Task<PlaybookDryRun?> DryRunAsync(string? playbookJson, CustomerEvent? e)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.DryRunAsync(playbookJson, e);
        if (!_profile.Exists) return null;
        // Right after a save or a rollback: the version just stored, not this silo's copy of the one before.
        var inputs = await tenants.GetCurrentAsync(_tenant);
        var playbook = inputs.Playbook;
        if (playbookJson is not null)
        {
            var candidate = PlaybookCandidate.Check(_tenant, playbookJson, inputs.Playbook.Version + 1);
            if (candidate.Errors.Length > 0) return new PlaybookDryRun(candidate.Errors, null);
            playbook = candidate.Compiled!;
        }
        // The engine changes the profile it decides on: decide on a copy, so that this customer stays as it is.
        var copy = StorageJson.Read<CustomerProfile>(StorageJson.Write(_profile));
        copy.CustomerId = _profile.CustomerId;
        var now = DateTimeOffset.UtcNow;
        var input = e is null ? EngineInput.Timer : EngineInput.FromEvent(Routed(inputs, e with { CustomerId = _profile.CustomerId }), _nextSequence);
        var decision = DecisionEngine.Decide(playbook, copy, input, Context(playbook, inputs, now, explore: false, ownerLoad: true));
        return new PlaybookDryRun([], DryRuns.Describe(decision, playbook.Version, playbookJson is not null, now, e?.Type ?? "timer"));
    }

    public async Task<bool> HandOverAsync(string fromStaffId, string toStaffId, bool departure = false)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.HandOverAsync(fromStaffId, toStaffId, departure);
        // Erased: no owner and no relationship left to move, and none to create.
        if (_erasedAt is not null) return false;
        // Gone from the directory since the handover listed it: nothing to move, and no customer to create.
        if (!_profile.Exists) return false;
        _onlyWoken = false;
        var owned = _profile.OwnerStaffId == fromStaffId;
        if (!owned && !departure) return _profile.OwnerStaffId == toStaffId;
        var pending = Pending();
        if (owned) ChangeOwner(pending, toStaffId, departure ? "departure" : "handover");
        // As WeCom's 在职/离职继承 transfer the external contact: the friendship and what was addressed to the staff
        // member handing over by name go too (on a departure also from the customers they followed without owning).
        _profile.HandOverRelationship(fromStaffId, toStaffId);
        _profile.Engine.Readdress(fromStaffId, toStaffId);
        pending.HandedOver(fromStaffId, toStaffId);
        _commits.Changed();
        // The owner, its index entry and the open nudges move in one transaction: never half a handover.
        await CommitAsync(pending, snapshot: true);
        return true;
    }

    public async Task<CustomerView?> AssignOwnerAsync(string staffId)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.AssignOwnerAsync(staffId);
        ThrowIfErased();
        // Customers are created by events only: a mistyped id must be a 404, not an ownerless ghost in the directory.
        if (!_profile.Exists) return null;
        _onlyWoken = false;
        if (_profile.OwnerStaffId != staffId || _profile.OwnerBasis != OwnerBasis.Assigned)
        {
            var pending = Pending();
            ChangeOwner(pending, staffId, "assigned");
            _commits.Changed();
            await CommitAsync(pending, snapshot: true);
        }
        return View(await tenants.GetAsync(_tenant));
    }

    /// <summary>Someone chose the owner: it stays until someone changes it, whoever follows the customer.</summary>
    private void ChangeOwner(PendingWrites pending, string staffId, string how)
    {
        if (_profile.OwnerStaffId != staffId) pending.OwnerChanged(DateTimeOffset.UtcNow, _profile.OwnerStaffId, staffId, how);
        (_profile.OwnerStaffId, _profile.OwnerBasis) = (staffId, OwnerBasis.Assigned);
        logger.LogInformation("{Tenant}/{CustomerId} now owned by {StaffId} ({How})", _tenant, _profile.CustomerId, staffId, how);
    }

    public async Task<CustomerView?> AddTagsAsync(string[] tags, string? staffId = null) =>
        await SurvivorAsync() is { } survivor ? await survivor.AddTagsAsync(tags, staffId) : (await ChangeTagsAsync(tags, [], staffId)).View;

    public async Task<CustomerView?> RemoveTagsAsync(string[] tags, string? staffId = null) =>
        await SurvivorAsync() is { } survivor ? await survivor.RemoveTagsAsync(tags, staffId) : (await ChangeTagsAsync([], tags, staffId)).View;

    public async Task<bool?> RetagAsync(string[] add, string[] remove, string? staffId = null)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.RetagAsync(add, remove, staffId);
        // A batch names customers by id or identity: a mistyped one must fail its row, not create a customer.
        if (!_profile.Exists) return null;
        return (await ChangeTagsAsync(add, remove, staffId)).Changed;
    }

    public async Task<CustomerView?> SetRemarkAsync(string? remark, string staffId)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.SetRemarkAsync(remark, staffId);
        ThrowIfErased();
        _onlyWoken = false;
        var inputs = await tenants.GetAsync(_tenant);
        if (!_profile.Exists) return null;
        remark = string.IsNullOrEmpty(remark) ? null : remark;
        if (_profile.Engine.Field(DirectoryEntry.RemarkField) != remark)
        {
            var pending = Pending();
            _profile.Engine.SetField(DirectoryEntry.RemarkField, remark);
            pending.FieldSetByHand(DateTimeOffset.UtcNow, DirectoryEntry.RemarkField, remark, staffId);
            _commits.Changed();
            // The profile and its directory row (the remark is listed and searched) commit together.
            await CommitAsync(pending, snapshot: true);
        }
        return View(inputs);
    }

    public async Task WakeAsync(DateTimeOffset dueAt)
    {
        // Merged: its due-time entry went with the merge, and the survivor keeps its own time.
        if (await SurvivorAsync() is not null) return;
        _commits.DueEntryLeased();
        var pending = Pending();
        if (_profile.Exists)
        {
            var now = DateTimeOffset.UtcNow;
            var at = now > dueAt ? now : dueAt;
            var inputs = await LiveInputsAsync(at);
            Decide(inputs, EngineInput.Timer, at, eventId: null, live: true, pending);
            _commits.Changed();
        }
        // Timer decisions are not journaled. A customer woken only for this leaves memory, so its state commits with
        // the nudges and the next due time. A resident one snapshots as it does for events: if it crashes first, the
        // older state re-runs the same timers and SOP steps with the same nudge ids, which the inbox stores and
        // pushes once, so nothing is lost or sent twice, and a million wakes do not write a million profiles.
        await CommitAsync(pending, snapshot: _onlyWoken ? _commits.Unsnapshotted > 0 : _commits.SnapshotDue);
        if (_onlyWoken) DeactivateOnIdle();
    }

    public async Task<ErasureOutcome> EraseAsync()
    {
        _onlyWoken = false;
        var customerId = _profile.CustomerId;
        var erased = await eraser.EraseAsync(_tenant, customerId);
        logger.LogInformation("{Tenant}/{CustomerId} erased: {Rows} rows", _tenant, customerId, erased.Rows.Values.Sum());
        publisher.Erased(_tenant, erased.OpenNudges);
        // Nothing of the customer stays in memory either: the next activation loads the erasure and nothing else.
        (_profile, _nextDueAt, _erasedAt) = (new CustomerProfile { CustomerId = customerId }, null, erased.ErasedAt);
        DiscardActivation();
        return new ErasureOutcome(erased.ErasedAt, erased.Rows);
    }

    public async Task<CampaignReach> ReachAsync(string campaignId, CampaignScript script, TimeSpan place)
    {
        if (await SurvivorAsync() is { } survivor) return await survivor.ReachAsync(campaignId, script, place);
        // A segment lists customers from the directory; one erased or gone since must not be created again.
        if (!_profile.Exists) return CampaignReach.Unknown;
        var now = DateTimeOffset.UtcNow;
        var inputs = await LiveInputsAsync(now);
        var pending = Pending();
        var decision = DecisionEngine.Decide(inputs.Playbook, _profile, EngineInput.FromCampaign(campaignId, script), Context(inputs.Playbook, inputs, now, explore: true, ownerLoad: true));
        Decided(inputs, decision, now, eventId: null, live: true, pending);
        var id = CampaignNudges.IdFor(_profile.CustomerId, campaignId);
        // Held with the rest of the campaign until one instant (quiet hours' end): it comes due its place later.
        if (decision.Candidates.Any(c => c.Nudge.Id == id && c.Verdict == Verdict.Held) && CampaignHolds.Stagger(_profile.Engine, id, place))
            _nextDueAt = DecisionEngine.NextDueAt(inputs.Playbook, _profile, now);
        _commits.Changed();
        // The touch, or the held nudge, is in the profile: snapshot with the nudge so a restart cannot touch twice.
        await CommitAsync(pending, snapshot: true);
        // A campaign touches up to millions of customers once each: one activated only for it leaves memory, as a wake's does.
        if (_onlyWoken) DeactivateOnIdle();
        var verdict = decision.Candidates.FirstOrDefault(c => c.Nudge.Id == id)?.Verdict;
        return verdict switch
        {
            Verdict.Raised => CampaignReach.Raised,
            Verdict.Held => CampaignReach.Held,
            Verdict.Suppressed => CampaignReach.Suppressed,
            // Reached before: what its nudge became then.
            _ => _profile.Engine.Held?.Exists(h => h.Nudge.Id == id) == true ? CampaignReach.Held : CampaignReach.Raised,
        };
    }

    /// <summary>
    /// The one way a live decision (an event, a wake, a campaign's reach, a response, a tag change) gets the tenant's
    /// inputs: it first settles the customer's held campaign nudges due by <paramref name="now"/>, since any live
    /// decision may release them. Those of a cancelled (or deleted) campaign are withdrawn, never raised; those of a
    /// paused one wait a further window (<see cref="CampaignHolds.Postpone"/>) and are released once it runs again.
    /// Replays and views read the inputs directly: they release nothing.
    /// </summary>
    private async Task<TenantDecisionInputs> LiveInputsAsync(DateTimeOffset now)
    {
        var inputs = await tenants.GetAsync(_tenant);
        if (!_profile.Exists) return inputs;
        foreach (var campaignId in CampaignHolds.DueCampaigns(_profile.Engine, now) ?? [])
        {
            var campaign = await GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.For(_tenant, campaignId)).GetAsync();
            if (campaign is null || campaign.State == CampaignStates.Cancelled)
            {
                var withdrawn = CampaignHolds.Withdraw(_profile.Engine, campaignId);
                logger.LogDebug("{Tenant}/{CustomerId}: {Count} held nudges of cancelled campaign {CampaignId} withdrawn", _tenant, _profile.CustomerId, withdrawn, campaignId);
            }
            else if (campaign.State == CampaignStates.Paused)
                CampaignHolds.Postpone(_profile.Engine, campaignId, now, campaign.Spec.EndAt - campaign.Spec.StartAt);
        }
        return inputs;
    }

    public async Task RecordResponseAsync(string nudgeId, NudgeResponse response)
    {
        if (await SurvivorAsync() is { } survivor)
        {
            await survivor.RecordResponseAsync(nudgeId, response);
            return;
        }
        // Erased: its nudges went with it, and a late response has nothing to teach or to store.
        if (_erasedAt is not null) return;
        // Unknown: no nudge of its to answer, and a response must not create the customer.
        if (!_profile.Exists) return;
        _onlyWoken = false;
        var now = DateTimeOffset.UtcNow;
        var outcome = response == NudgeResponse.Acted ? NudgeOutcome.Acted : NudgeOutcome.Dismissed;
        var inputs = await LiveInputsAsync(now);
        var pending = Pending();
        Decide(inputs, EngineInput.FromOutcome(nudgeId, outcome), now, eventId: null, live: true, pending);
        // Responses come as often as events; like events they wait for the periodic snapshot. A crash before it
        // loses only a dismissal count: timers it ran are re-run from the older state with the same nudge ids.
        _commits.Changed();
        await CommitAsync(pending, snapshot: _commits.SnapshotDue);
    }

    private async Task<(CustomerView? View, bool Changed)> ChangeTagsAsync(string[] add, string[] remove, string? staffId)
    {
        ThrowIfErased();
        // Customers are created by events only: tags for an unknown one change nothing and find no customer (null).
        if (!_profile.Exists) return (null, false);
        _onlyWoken = false;
        var now = DateTimeOffset.UtcNow;
        var inputs = await LiveInputsAsync(now);
        var pending = Pending();
        foreach (var tag in remove) Decide(inputs, EngineInput.FromTag(tag, false, now), now, eventId: null, live: true, pending, tag, staffId);
        foreach (var tag in add) Decide(inputs, EngineInput.FromTag(tag, true, now), now, eventId: null, live: true, pending, tag, staffId);
        var changed = pending.Changes.Exists(c => c.Kind is CustomerChangeKinds.TagAdded or CustomerChangeKinds.TagRemoved);
        _commits.Changed();
        await CommitAsync(pending, snapshot: true);
        return (_profile.Exists ? View(inputs) : null, changed);
    }

    /// <summary>
    /// Writes by hand (owner, tags, remark) must not bring an erased customer back, as its events may not: they fail
    /// whole with <see cref="CustomerErasedException"/>, before anything is decided or stored. A tag job's retag and a
    /// campaign's reach find no customer instead, and a handover nothing to move.
    /// </summary>
    private void ThrowIfErased()
    {
        if (_erasedAt is { } erasedAt) throw new CustomerErasedException(_profile.CustomerId, erasedAt);
    }

    /// <summary>The customer as the API shows it, with the playbook version its decisions use now.</summary>
    private CustomerView View(TenantDecisionInputs inputs) =>
        _profile.ToView(DateTimeOffset.UtcNow) with { PlaybookVersion = inputs.Playbook.Version, NextDueAt = _nextDueAt };

    /// <summary>
    /// Decides again on an event the last snapshot does not hold. One that cannot be decided on (a journal written
    /// before a validation rule existed, or a bug) is logged and stepped over, so that it cannot keep the customer from
    /// activating ever again: it stays in the journal and the history.
    /// </summary>
    private void Replay(TenantDecisionInputs inputs, JournalRow row, PendingWrites pending)
    {
        try
        {
            DecideOn(inputs, row, live: false, pending);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Replaying event {EventId} (#{Sequence}) of {Tenant}/{CustomerId} failed; the customer goes on without its effects",
                row.Event.Id, row.Sequence, _tenant, _profile.CustomerId);
            _profile.JournalSequence = Math.Max(_profile.JournalSequence, row.Sequence);
        }
    }

    /// <summary>
    /// Decides on one journaled event at the event's time (as history when it was journaled as such), which is what
    /// makes replay reproduce it. An event that names a staff member who left counts as their successor's.
    /// </summary>
    private void DecideOn(TenantDecisionInputs inputs, JournalRow row, bool live, PendingWrites pending)
    {
        var e = Routed(inputs, row.Event);
        Decide(inputs, EngineInput.FromEvent(e, row.Sequence, row.History), e.At, e.Id, live, pending);
    }

    /// <summary>The event as the customer decides on it: one naming a staff member who left counts as their successor's.</summary>
    private static CustomerEvent Routed(TenantDecisionInputs inputs, CustomerEvent e) =>
        e.StaffId is { } staff && inputs.Routing.Route(staff) is var successor && successor != staff ? e with { StaffId = successor } : e;

    /// <summary>
    /// Runs the engine, then addresses the raised nudges and gathers what else the decision changed
    /// (<see cref="PendingWrites"/>).
    /// </summary>
    private void Decide(TenantDecisionInputs inputs, EngineInput input, DateTimeOffset now, string? eventId, bool live, PendingWrites pending,
        string? manualTag = null, string? by = null)
    {
        var status = _profile.Status;
        var decision = DecisionEngine.Decide(inputs.Playbook, _profile, input, Context(inputs.Playbook, inputs, now, explore: live, ownerLoad: live));
        if (_profile.Status != status && (status == CustomerStatus.Lost || _profile.Status == CustomerStatus.Lost))
            pending.StatusChanged(now, status.ToString(), _profile.Status.ToString());
        Decided(inputs, decision, now, eventId, live, pending, manualTag, by);
    }

    /// <summary>Addresses what <paramref name="decision"/> raised and gathers what else it changed (see <see cref="Decide"/>).</summary>
    private void Decided(TenantDecisionInputs inputs, Decision decision, DateTimeOffset now, string? eventId, bool live, PendingWrites pending,
        string? manualTag = null, string? by = null)
    {
        _nextDueAt = decision.NextDueAt;
        if (live && decision.Signals.Count > 0) learning.Post(_tenant, decision.Signals);
        pending.Add(decision, now, manualTag, by);
        if (decision.OwnerChange is { } change)
            pending.OwnerChanged(now, change.From, change.To, _profile.OwnerBasis == OwnerBasis.Fallback ? "fallback" : "follower");
        pending.AddRaised(decision, inputs.Playbook, _profile, eventId, now);
    }

    /// <summary>
    /// Replays and dry runs use posterior means, not Thompson draws (no <paramref name="explore"/>), so they choose as a
    /// fresh look at the same facts would; with <paramref name="ownerLoad"/> the owner's open-nudge count now (for the
    /// playbook's per-staff cap).
    /// </summary>
    private DecisionContext Context(CompiledPlaybook playbook, TenantDecisionInputs inputs, DateTimeOffset now, bool explore, bool ownerLoad) => new(now)
    {
        Model = inputs.Model,
        Random = explore ? SharedRandom.Instance : null,
        ExclusiveTags = inputs.ExclusiveTags,
        OwnerOpenNudges = ownerLoad && playbook.Contact.MaxOpenNudgesPerStaff is not null && _profile.OwnerStaffId is { } owner
            ? workload.OpenNudges(_tenant, owner) : 0,
    };

    private PendingWrites Pending() => new(_tenant, _profile.CustomerId);

    /// <summary>
    /// Commits what the last decisions changed (<see cref="CustomerCommits"/>), then publishes what the commit raised,
    /// moved and closed (<see cref="CustomerPublisher"/>).
    /// </summary>
    private async Task<WriteResult> CommitAsync(PendingWrites pending, bool snapshot, IReadOnlyList<JournalRow>? events = null)
    {
        var result = await _commits.CommitAsync(_profile, _nextDueAt, pending, snapshot, events);
        if (result.Refused.Count == 0) publisher.Committed(_tenant, pending, result);
        return result;
    }

    /// <summary>Snapshots are an optimisation over a durable journal: a failed one is logged, never surfaced.</summary>
    private async Task TrySnapshotAsync()
    {
        try
        {
            await CommitAsync(Pending(), snapshot: true);
        }
        catch (ObjectDisposedException)
        {
            // The node stopped before every resident customer could snapshot (a million take longer than the shutdown
            // window): expected, and one line each would flood the log. The next activation replays the journal.
            logger.LogDebug("Snapshot of {Tenant}/{CustomerId} skipped: the node is stopping", _tenant, _profile.CustomerId);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Snapshot of {Tenant}/{CustomerId} failed; the journal still holds every event", _tenant, _profile.CustomerId);
        }
    }
}
