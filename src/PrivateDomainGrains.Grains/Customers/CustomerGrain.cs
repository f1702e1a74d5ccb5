using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// One customer. Events are journaled by group commit before they are folded in, so an acknowledged event is
/// durable without a state write per event; the profile is snapshotted now and then, and a re-activation replays
/// the journal after the snapshot. Nudges are stored in the owner's inbox before they are pushed.
/// </summary>
public sealed class CustomerGrain(
    [PersistentState(PlatformStorage.CustomerState, PlatformStorage.Name)] IPersistentState<CustomerProfile> snapshot,
    EventJournal journal,
    NudgeInbox inbox,
    IOptions<CustomerGrainOptions> options,
    ILogger<CustomerGrain> logger) : Grain, ICustomerGrain
{
    private static long s_active;

    private string _tenant = "";
    private long _nextSequence;
    private int _unsnapshotted;
    private bool _discardOnDeactivate;
    private IGrainTimer? _snapshotTimer;

    /// <summary>Customer grains active in this process: what "resident customers" means for memory sizing.</summary>
    public static long ActiveCount => Interlocked.Read(ref s_active);

    private CustomerProfile Profile => snapshot.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, var customerId) = GrainKeys.Parse(this.GetPrimaryKeyString());
        Profile.CustomerId = customerId;
        var unfolded = await journal.ReadAfterAsync(_tenant, customerId, Profile.JournalSequence, cancellationToken);
        if (unfolded.Count > 0)
        {
            // Re-deciding yields the same nudge ids, so the inbox keeps what it already has and gains what a crash lost.
            await PublishAsync(unfolded.SelectMany(Fold).ToList());
            await MarkChangedAsync(unfolded.Count);
        }
        _nextSequence = Profile.JournalSequence + 1;
        Interlocked.Increment(ref s_active);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref s_active);
        if (_unsnapshotted > 0 && !_discardOnDeactivate) await TrySnapshotAsync();
    }

    public async Task<IngestOutcome> IngestAsync(EventEnvelope[] events)
    {
        var accepted = new bool[events.Length];
        var offered = new List<(int Index, JournalRow Row)>(events.Length);
        var inThisCall = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            if (Profile.HasSeenEvent(events[i].Id) || !inThisCall.Add(events[i].Id)) continue;
            offered.Add((i, events[i].ToRow(_tenant, _nextSequence++)));
        }
        if (offered.Count == 0) return new IngestOutcome(accepted);

        var stored = await journal.AppendAsync(offered.Select(o => o.Row).ToList());
        try
        {
            var nudges = new List<NudgeRow>();
            foreach (var (index, row) in offered.Where(o => stored.Contains(o.Row.EventId)))
            {
                accepted[index] = true;
                nudges.AddRange(Fold(row));
            }
            await PublishAsync(nudges);
        }
        catch
        {
            // The events are durable but their nudges may not be: drop this activation so the next one replays them.
            _discardOnDeactivate = true;
            DeactivateOnIdle();
            throw;
        }
        await MarkChangedAsync(stored.Count);
        return new IngestOutcome(accepted);
    }

    public Task<CustomerView?> GetAsync() => Task.FromResult(Profile.Exists ? Profile.ToView() : null);

    public async Task<CustomerView> AssignOwnerAsync(string staffId)
    {
        if (Profile.OwnerStaffId != staffId)
        {
            Profile.OwnerStaffId = staffId;
            await SnapshotAsync();
            var moved = await inbox.ReassignOpenAsync(_tenant, Profile.CustomerId, staffId);
            if (moved.Count > 0) await DeliverAsync(moved);
            logger.LogInformation("{Tenant}/{CustomerId} now owned by {StaffId}; {Moved} open nudges moved", _tenant, Profile.CustomerId, staffId, moved.Count);
        }
        return Profile.ToView();
    }

    public async Task<CustomerView> AddTagsAsync(string[] tags)
    {
        var changed = false;
        foreach (var tag in tags) changed |= Profile.Tags.Add(tag);
        if (changed) await SnapshotAsync();
        return Profile.ToView();
    }

    public async Task<CustomerView?> RemoveTagsAsync(string[] tags)
    {
        var changed = false;
        foreach (var tag in tags) changed |= Profile.Tags.Remove(tag);
        if (changed) await SnapshotAsync();
        return Profile.Exists ? Profile.ToView() : null;
    }

    // Wired to the decision engine in this session's integration; helpers must not edit this file.
    public Task WakeAsync(DateTimeOffset dueAt) => throw new NotImplementedException();

    public Task RecordResponseAsync(string nudgeId, NudgeResponse response) => throw new NotImplementedException();

    /// <summary>Folds one journaled event into the profile and addresses the nudges it raises to the current owner.</summary>
    private IEnumerable<NudgeRow> Fold(JournalRow row)
    {
        var drafts = CustomerDecisions.Apply(Profile, row.ToEvent(), row.Sequence);
        var owner = Profile.OwnerStaffId;
        if (owner is null) return [];
        var now = DateTimeOffset.UtcNow;
        return drafts.Select(d => new NudgeRow(_tenant, d.Id, owner, Profile.CustomerId, row.EventId, d.Kind, d.Title, d.Text, d.Reason, d.Priority, now));
    }

    /// <summary>Stores the nudges in their owners' inboxes, then pushes the ones that are new.</summary>
    private async Task PublishAsync(List<NudgeRow> nudges)
    {
        if (nudges.Count == 0) return;
        var stored = await inbox.AddAsync(nudges);
        var fresh = nudges.Where(n => stored.Contains(n.NudgeId)).ToList();
        if (fresh.Count > 0) await DeliverAsync(fresh);
    }

    private async Task DeliverAsync(List<NudgeRow> nudges)
    {
        foreach (var byOwner in nudges.GroupBy(n => n.StaffId))
        {
            var staff = GrainFactory.GetGrain<IStaffGrain>(GrainKeys.For(_tenant, byOwner.Key));
            await staff.DeliverAsync(byOwner.Select(n => n.ToNudge()).ToArray());
        }
    }

    private async Task MarkChangedAsync(int events)
    {
        _unsnapshotted += events;
        if (_unsnapshotted >= options.Value.SnapshotEveryEvents)
        {
            await TrySnapshotAsync();
        }
        else
        {
            var interval = options.Value.SnapshotInterval;
            _snapshotTimer ??= this.RegisterGrainTimer(_ => TrySnapshotAsync(), interval, interval);
        }
    }

    /// <summary>Snapshots are an optimisation over a durable journal: a failed one is logged, never surfaced.</summary>
    private async Task TrySnapshotAsync()
    {
        try
        {
            await SnapshotAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Snapshot of {Tenant}/{CustomerId} failed; the journal still holds every event", _tenant, Profile.CustomerId);
        }
    }

    private async Task SnapshotAsync()
    {
        await snapshot.WriteStateAsync();
        _unsnapshotted = 0;
        _snapshotTimer?.Dispose();
        _snapshotTimer = null;
    }
}
