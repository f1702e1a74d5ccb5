using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Learning;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Grains.TenantInputs;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// One customer: holds the profile and calls the decision engine on every event, tag change, nudge response and due
/// time. Events are journaled by group commit before they are acknowledged, so an acknowledged event is durable
/// without a state write per event. What a decision produces commits in one transaction (<see cref="CustomerCommits"/>),
/// then fresh nudges are pushed to the owner.
/// </summary>
public sealed class CustomerGrain(
    CustomerStore store,
    ITenantDecisionInputs tenants,
    ILearningSignalSink learning,
    StaffWorkload workload,
    NudgeDispatcher dispatcher,
    CustomerMetrics metrics,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private string _tenant = "";
    private CustomerProfile _profile = new();
    private CustomerCommits _commits = null!;
    private long _nextSequence;
    private DateTimeOffset? _nextDueAt;
    private bool _discardOnDeactivate;
    /// <summary>True while the scheduler's wake is the only reason this activation exists.</summary>
    private bool _onlyWoken = true;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (var tenant, var customerId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        // A tenant has up to millions of customers: share one copy of its id instead of one per activation.
        _tenant = string.Intern(tenant);
        _commits = store.Commits(_tenant, customerId);
        var load = await store.LoadAsync(_tenant, customerId);
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
            var nudges = new List<NudgeRow>();
            foreach (var row in load.Unfolded) nudges.AddRange(Replay(inputs, row));
            _commits.Changed(load.Unfolded.Count);
            await CommitAsync(nudges, snapshot: true);
        }
        _nextSequence = _profile.JournalSequence + 1;
        metrics.Activated();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated();
        if (_commits.Unsnapshotted > 0 && !_discardOnDeactivate) await TrySnapshotAsync();
    }

    public async Task<IngestOutcome> IngestAsync(CustomerEvent[] events)
    {
        _onlyWoken = false;
        var accepted = new bool[events.Length];
        var offered = new List<(int Index, JournalRow Row)>(events.Length);
        var inThisCall = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            if (_profile.HasSeenEvent(events[i].Id) || !inThisCall.Add(events[i].Id)) continue;
            offered.Add((i, new JournalRow(_tenant, _profile.CustomerId, _nextSequence++, events[i])));
        }
        if (offered.Count == 0) return new IngestOutcome(accepted);

        // Decide first, then commit the events together with what they decided in one transaction: one round trip
        // per ingest. The profile is ahead of storage until that commit, so a failed commit, or an event the journal
        // already held (a retry older than the profile remembers), discards this activation: the next one rebuilds
        // the profile from the snapshot and the journal, and re-deciding yields the same nudge ids.
        IReadOnlySet<string> stored;
        try
        {
            var inputs = await tenants.GetAsync(_tenant);
            var nudges = new List<NudgeRow>();
            foreach (var (_, row) in offered) nudges.AddRange(DecideOn(inputs, row, live: true));
            stored = (await CommitAsync(nudges, snapshot: false, offered.ConvertAll(o => o.Row))).InsertedEventIds;
        }
        catch
        {
            DiscardActivation();
            throw;
        }
        foreach (var (index, row) in offered) accepted[index] = stored.Contains(row.Event.Id);
        if (stored.Count < offered.Count)
        {
            DiscardActivation();
            return new IngestOutcome(accepted);
        }
        _commits.Changed(stored.Count);
        if (_commits.SnapshotDue) await TrySnapshotAsync();
        return new IngestOutcome(accepted);
    }

    /// <summary>The profile may hold effects storage does not: never snapshot it, start the next activation afresh.</summary>
    private void DiscardActivation()
    {
        _discardOnDeactivate = true;
        DeactivateOnIdle();
    }

    public async Task<CustomerView?> GetAsync()
    {
        _onlyWoken = false;
        if (!_profile.Exists) return null;
        return View(await tenants.GetAsync(_tenant));
    }

    public async Task<bool> HandOverAsync(string fromStaffId, string toStaffId)
    {
        if (_profile.OwnerStaffId == toStaffId) return true;
        if (_profile.OwnerStaffId != fromStaffId) return false;
        await AssignOwnerAsync(toStaffId);
        return true;
    }

    public async Task<CustomerView> AssignOwnerAsync(string staffId)
    {
        _onlyWoken = false;
        if (_profile.OwnerStaffId != staffId)
        {
            _profile.OwnerStaffId = staffId;
            _commits.Changed();
            // The owner, its index entry and the open nudges move in one transaction: never half a handover.
            var moved = (await CommitAsync([], snapshot: true, moveOpenNudges: true)).MovedNudges;
            if (moved.Count > 0) Deliver([.. moved]);
            logger.LogInformation("{Tenant}/{CustomerId} now owned by {StaffId}; {Moved} open nudges moved", _tenant, _profile.CustomerId, staffId, moved.Count);
        }
        return View(await tenants.GetAsync(_tenant));
    }

    public async Task<CustomerView> AddTagsAsync(string[] tags) => (await ChangeTagsAsync(tags, added: true))!;

    public Task<CustomerView?> RemoveTagsAsync(string[] tags) => ChangeTagsAsync(tags, added: false);

    public async Task WakeAsync(DateTimeOffset dueAt)
    {
        _commits.DueEntryLeased();
        List<NudgeRow> nudges = [];
        if (_profile.Exists)
        {
            var now = DateTimeOffset.UtcNow;
            nudges = Decide(await tenants.GetAsync(_tenant), EngineInput.Timer, now > dueAt ? now : dueAt, eventId: null, live: true);
            _commits.Changed();
        }
        // Timer decisions are not journaled. A customer woken only for this leaves memory, so its state commits with
        // the nudges and the next due time. A resident one snapshots as it does for events: if it crashes first, the
        // older state re-runs the same timers and SOP steps with the same nudge ids, which the inbox stores and
        // pushes once, so nothing is lost or sent twice, and a million wakes do not write a million profiles.
        await CommitAsync(nudges, snapshot: _onlyWoken ? _commits.Unsnapshotted > 0 : _commits.SnapshotDue);
        if (_onlyWoken) DeactivateOnIdle();
    }

    public async Task RecordResponseAsync(string nudgeId, NudgeResponse response)
    {
        _onlyWoken = false;
        var now = DateTimeOffset.UtcNow;
        var outcome = response == NudgeResponse.Acted ? NudgeOutcome.Acted : NudgeOutcome.Dismissed;
        var inputs = await tenants.GetAsync(_tenant);
        var nudges = Decide(inputs, EngineInput.FromOutcome(nudgeId, outcome), now, eventId: null, live: true);
        // Responses come as often as events; like events they wait for the periodic snapshot. A crash before it
        // loses only a dismissal count: timers it ran are re-run from the older state with the same nudge ids.
        _commits.Changed();
        await CommitAsync(nudges, snapshot: _commits.SnapshotDue);
    }

    private async Task<CustomerView?> ChangeTagsAsync(string[] tags, bool added)
    {
        _onlyWoken = false;
        var now = DateTimeOffset.UtcNow;
        var inputs = await tenants.GetAsync(_tenant);
        var nudges = new List<NudgeRow>();
        foreach (var tag in tags) nudges.AddRange(Decide(inputs, EngineInput.FromTag(tag, added, now), now, eventId: null, live: true));
        _commits.Changed();
        await CommitAsync(nudges, snapshot: true);
        return _profile.Exists ? View(inputs) : null;
    }

    /// <summary>The customer as the API shows it, with the playbook version its decisions use now.</summary>
    private CustomerView View(TenantDecisionInputs inputs) =>
        _profile.ToView() with { PlaybookVersion = inputs.Playbook.Version, NextDueAt = _nextDueAt };

    /// <summary>
    /// Decides again on an event the last snapshot does not hold. One that cannot be decided on (a journal written
    /// before a validation rule existed, or a bug) is logged and stepped over, so that it cannot keep the customer from
    /// activating ever again: it stays in the journal and the history.
    /// </summary>
    private List<NudgeRow> Replay(TenantDecisionInputs inputs, JournalRow row)
    {
        try
        {
            return DecideOn(inputs, row, live: false);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Replaying event {EventId} (#{Sequence}) of {Tenant}/{CustomerId} failed; the customer goes on without its effects",
                row.Event.Id, row.Sequence, _tenant, _profile.CustomerId);
            _profile.JournalSequence = Math.Max(_profile.JournalSequence, row.Sequence);
            return [];
        }
    }

    /// <summary>Decides on one journaled event at the event's time, which is what makes replay reproduce it.</summary>
    private List<NudgeRow> DecideOn(TenantDecisionInputs inputs, JournalRow row, bool live) =>
        Decide(inputs, EngineInput.FromEvent(row.Event, row.Sequence), row.Event.At, row.Event.Id, live);

    /// <summary>Runs the engine and addresses the raised nudges to the current owner, each with its explanation.</summary>
    private List<NudgeRow> Decide(TenantDecisionInputs inputs, EngineInput input, DateTimeOffset now, string? eventId, bool live)
    {
        // Replays use posterior means, not Thompson draws, so they choose as a fresh look at the same facts would.
        var context = new DecisionContext(now)
        {
            Model = inputs.Model,
            Random = live ? SharedRandom.Instance : null,
            OwnerOpenNudges = live && inputs.Playbook.Contact.MaxOpenNudgesPerStaff is not null && _profile.OwnerStaffId is { } owner
                ? workload.OpenNudges(_tenant, owner) : 0,
        };
        var decision = DecisionEngine.Decide(inputs.Playbook, _profile, input, context);
        _nextDueAt = decision.NextDueAt;
        if (live && decision.Signals.Count > 0) learning.Post(_tenant, decision.Signals);
        if (_profile.OwnerStaffId is not { } addressee) return [];
        var created = DateTimeOffset.UtcNow;
        return decision.Raised
            .Select(c => new NudgeRow(_tenant, c.Nudge.Id, addressee, _profile.CustomerId, eventId, c.Nudge.Kind, c.Nudge.Title, c.Nudge.Text,
                c.Nudge.Reason, c.Nudge.Priority, created)
            {
                Suggested = c.Nudge.Suggested,
                Explanation = decision.Explain(c),
            })
            .ToList();
    }

    /// <summary>Commits what the last decisions changed (<see cref="CustomerCommits"/>), then pushes the nudges that were new.</summary>
    private async Task<WriteResult> CommitAsync(List<NudgeRow> nudges, bool snapshot, IReadOnlyList<JournalRow>? events = null, bool moveOpenNudges = false)
    {
        var result = await _commits.CommitAsync(_profile, _nextDueAt, nudges, snapshot, events, moveOpenNudges);
        var fresh = nudges.FindAll(n => result.InsertedNudgeIds.Contains(n.NudgeId));
        metrics.Raised(_tenant, fresh);
        if (fresh.Count > 0) Deliver(fresh);
        return result;
    }

    private void Deliver(List<NudgeRow> nudges) => dispatcher.Post(nudges.Select(n => n.ToNudge()));

    /// <summary>Snapshots are an optimisation over a durable journal: a failed one is logged, never surfaced.</summary>
    private async Task TrySnapshotAsync()
    {
        try
        {
            await CommitAsync([], snapshot: true);
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
