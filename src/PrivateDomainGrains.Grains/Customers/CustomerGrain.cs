using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Learning;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Grains.TenantInputs;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// One customer: holds the profile and calls the decision engine on every event, tag change, nudge response and due
/// time. Events are journaled by group commit before they are decided on, so an acknowledged event is durable without
/// a state write per event. What a decision produces (nudges, the next due time, and when asked the snapshot of the
/// profile) commits in one transaction, then fresh nudges are pushed to the owner.
/// </summary>
public sealed class CustomerGrain(
    CustomerLoader loader,
    GroupCommitWriter writer,
    NudgeInbox inbox,
    ITenantDecisionInputs tenants,
    ILearningSignalSink learning,
    StaffWorkload workload,
    NudgeDispatcher dispatcher,
    IOptions<CustomerGrainOptions> options,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private static long s_active;
    private static readonly WriteResult s_nothingWritten = new(new HashSet<string>(), new HashSet<string>(), new Dictionary<string, string>());

    private string _tenant = "";
    private CustomerProfile _profile = new();
    private long _revision;
    private long _nextSequence;
    private int _unsnapshotted;
    private bool _discardOnDeactivate;
    private DateTimeOffset? _nextDueAt;
    /// <summary>What the due-time index holds for this customer, when known (unknown: write it next time).</summary>
    private (bool Known, DateTimeOffset? At) _dueStored;
    /// <summary>What the ownership index holds for this customer (null: unknown, write it with the next commit).</summary>
    private string? _ownerStored;
    /// <summary>True while the scheduler's wake is the only reason this activation exists.</summary>
    private bool _onlyWoken = true;

    /// <summary>Customer grains active in this process: what "resident customers" means for memory sizing.</summary>
    public static long ActiveCount => Interlocked.Read(ref s_active);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (var tenant, var customerId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        // A tenant has up to millions of customers: share one copy of its id instead of one per activation.
        _tenant = string.Intern(tenant);
        var load = await loader.LoadAsync(_tenant, customerId);
        if (load.Snapshot is { } snapshot)
        {
            _profile = StorageJson.Read<CustomerProfile>(snapshot.Body);
            _revision = snapshot.Revision;
        }
        _profile.CustomerId = customerId;
        // Until a decision says otherwise, the index is right about when the customer is next due.
        (_nextDueAt, _dueStored) = (load.DueAt, (true, load.DueAt));
        if (load.Unfolded.Count > 0)
        {
            // Replay what the snapshot missed. Re-deciding yields the same nudge ids, so the inbox keeps what it
            // already has and gains what a crash lost; learning signals are not re-posted, so none count twice.
            var inputs = await tenants.GetAsync(_tenant);
            var nudges = new List<NudgeRow>();
            foreach (var row in load.Unfolded) nudges.AddRange(DecideOn(inputs, row, live: false));
            _unsnapshotted += load.Unfolded.Count;
            await CommitAsync(nudges, snapshot: true);
        }
        _nextSequence = _profile.JournalSequence + 1;
        Interlocked.Increment(ref s_active);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref s_active);
        if (_unsnapshotted > 0 && !_discardOnDeactivate) await TrySnapshotAsync();
    }

    public async Task<IngestOutcome> IngestAsync(EventEnvelope[] events)
    {
        _onlyWoken = false;
        var accepted = new bool[events.Length];
        var offered = new List<(int Index, JournalRow Row)>(events.Length);
        var inThisCall = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            if (_profile.HasSeenEvent(events[i].Id) || !inThisCall.Add(events[i].Id)) continue;
            offered.Add((i, events[i].ToRow(_tenant, _nextSequence++)));
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
        foreach (var (index, row) in offered) accepted[index] = stored.Contains(row.EventId);
        if (stored.Count < offered.Count)
        {
            DiscardActivation();
            return new IngestOutcome(accepted);
        }
        _unsnapshotted += stored.Count;
        if (SnapshotDue) await TrySnapshotAsync();
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
            _unsnapshotted++;
            await CommitAsync([], snapshot: true);
            var moved = await inbox.ReassignOpenAsync(_tenant, _profile.CustomerId, staffId);
            if (moved.Count > 0) Deliver(moved);
            logger.LogInformation("{Tenant}/{CustomerId} now owned by {StaffId}; {Moved} open nudges moved", _tenant, _profile.CustomerId, staffId, moved.Count);
        }
        return View(await tenants.GetAsync(_tenant));
    }

    public async Task<CustomerView> AddTagsAsync(string[] tags) => (await ChangeTagsAsync(tags, added: true))!;

    public Task<CustomerView?> RemoveTagsAsync(string[] tags) => ChangeTagsAsync(tags, added: false);

    public async Task WakeAsync(DateTimeOffset dueAt)
    {
        // The scheduler's claim leased the index entry: whatever is decided, the next due time is written to release it.
        _dueStored = default;
        List<NudgeRow> nudges = [];
        if (_profile.Exists)
        {
            var now = DateTimeOffset.UtcNow;
            nudges = Decide(await tenants.GetAsync(_tenant), EngineInput.Timer, now > dueAt ? now : dueAt, eventId: null, live: true);
            _unsnapshotted++;
        }
        // Timer decisions are not journaled. A customer woken only for this leaves memory, so its state commits with
        // the nudges and the next due time. A resident one snapshots as it does for events: if it crashes first, the
        // older state re-runs the same timers and SOP steps with the same nudge ids, which the inbox stores and
        // pushes once, so nothing is lost or sent twice, and a million wakes do not write a million profiles.
        await CommitAsync(nudges, snapshot: _onlyWoken ? _unsnapshotted > 0 : SnapshotDue);
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
        _unsnapshotted++;
        await CommitAsync(nudges, snapshot: SnapshotDue);
    }

    private async Task<CustomerView?> ChangeTagsAsync(string[] tags, bool added)
    {
        _onlyWoken = false;
        var now = DateTimeOffset.UtcNow;
        var inputs = await tenants.GetAsync(_tenant);
        var nudges = new List<NudgeRow>();
        foreach (var tag in tags) nudges.AddRange(Decide(inputs, EngineInput.FromTag(tag, added, now), now, eventId: null, live: true));
        _unsnapshotted++;
        await CommitAsync(nudges, snapshot: true);
        return _profile.Exists ? View(inputs) : null;
    }

    /// <summary>Enough has changed since the last snapshot that a re-activation should not have to replay it.</summary>
    private bool SnapshotDue => _unsnapshotted >= options.Value.SnapshotEveryEvents;

    /// <summary>The customer as the API shows it, with the playbook version its decisions use now.</summary>
    private CustomerView View(TenantDecisionInputs inputs) =>
        _profile.ToView() with { PlaybookVersion = inputs.Playbook.Version, NextDueAt = _nextDueAt };

    /// <summary>Decides on one journaled event at the event's time, which is what makes replay reproduce it.</summary>
    private List<NudgeRow> DecideOn(TenantDecisionInputs inputs, JournalRow row, bool live) =>
        Decide(inputs, EngineInput.FromEvent(row.ToEvent(), row.Sequence), row.OccurredAt, row.EventId, live);

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

    /// <summary>
    /// Commits the journaled events (if any), the nudges, the due-time and owner changes and (when asked) the snapshot
    /// in one transaction, then pushes the nudges that were new. One transaction keeps the journal, the scheduler's
    /// view, the inbox and the profile consistent.
    /// </summary>
    private async Task<WriteResult> CommitAsync(List<NudgeRow> nudges, bool snapshot, IReadOnlyList<JournalRow>? events = null)
    {
        var dueChanged = _dueStored != (true, _nextDueAt);
        var owner = _profile.OwnerStaffId;
        var ownerChanged = owner is not null && owner != _ownerStored;
        var snapshotRow = snapshot ? new CustomerSnapshotRow(_tenant, _profile.CustomerId, _revision + 1, _profile.JournalSequence, StorageJson.Write(_profile)) : null;
        if (events is null && nudges.Count == 0 && !dueChanged && !ownerChanged && snapshotRow is null) return s_nothingWritten;

        var result = await writer.WriteAsync(new WriteRequest
        {
            Events = events ?? [],
            Nudges = nudges,
            Due = dueChanged ? [new DueRow(_tenant, _profile.CustomerId, _nextDueAt)] : [],
            Snapshots = snapshotRow is null ? [] : [snapshotRow],
            Owners = ownerChanged ? [new OwnerRow(_tenant, _profile.CustomerId, owner!)] : [],
        });
        _dueStored = (true, _nextDueAt);
        _ownerStored = owner;
        if (snapshotRow is not null)
        {
            _revision = snapshotRow.Revision;
            _unsnapshotted = 0;
        }
        var fresh = nudges.Where(n => result.InsertedNudgeIds.Contains(n.NudgeId)).ToList();
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
