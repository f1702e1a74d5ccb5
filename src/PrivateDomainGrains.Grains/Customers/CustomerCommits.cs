using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// One customer activation's unit of work: what storage holds for the customer (snapshot revision, how many changes
/// the last snapshot misses, the due-time and ownership index entries), and the one write that brings storage up to
/// date with a decision. Everything a decision changes (journaled events, nudges, due time, owner, and the snapshot
/// when one is due) commits in one transaction through group commit, so the journal, the inbox, the indexes and the
/// profile never disagree. Only index entries that changed are written.
/// </summary>
internal sealed class CustomerCommits(string tenant, string customerId, GroupCommitWriter writer, int snapshotEveryChanges)
{
    private long _revision;
    /// <summary>What the due-time index holds for this customer, when known (unknown: write it next time).</summary>
    private (bool Known, DateTimeOffset? At) _dueStored;
    /// <summary>What the ownership index holds for this customer (null: unknown, write it with the next commit).</summary>
    private string? _ownerStored;
    /// <summary>The <see cref="DirectoryEntry.KeyOf"/> of the directory row last written (0: unknown, write it next time).</summary>
    private long _directoryStored;
    /// <summary>The <see cref="DirectoryEntry.ActivityOf"/> the directory row holds (meaningful once <see cref="_directoryStored"/> is known).</summary>
    private (long Minute, int OpenNudges) _activityStored;

    /// <summary>Changes folded into the profile since its last snapshot (events, responses, wakes, tag and owner edits).</summary>
    public int Unsnapshotted { get; private set; }

    /// <summary>Enough has changed since the last snapshot that a re-activation should not have to replay it.</summary>
    public bool SnapshotDue => Unsnapshotted >= snapshotEveryChanges;

    /// <summary>What activation read: the snapshot's revision (0: none) and the customer's due-time index entry.</summary>
    public void Loaded(long revision, DateTimeOffset? dueAt) => (_revision, _dueStored) = (revision, (true, dueAt));

    public void Changed(int count = 1) => Unsnapshotted += count;

    /// <summary>
    /// The scheduler's claim leased the due-time entry: whatever is decided, the next commit writes the entry to end
    /// the lease.
    /// </summary>
    public void DueEntryLeased() => _dueStored = default;

    /// <summary>
    /// Commits <paramref name="events"/> (if any), what the decisions produced (<paramref name="pending"/>), the
    /// due-time, owner and directory entries if they changed, and (when asked) a snapshot of
    /// <paramref name="profile"/>, in one transaction. When the owner changed (<see cref="PendingWrites.MovesOpenNudges"/>)
    /// the open nudges that follow the owner move to the new one in the same transaction. Writes nothing when nothing
    /// changed. The result names the events and nudges that were new, the nudges closed and the nudges moved.
    /// </summary>
    public async Task<WriteResult> CommitAsync(CustomerProfile profile, DateTimeOffset? nextDueAt, PendingWrites pending, bool snapshot,
        IReadOnlyList<JournalRow>? events = null)
    {
        var dueChanged = _dueStored != (true, nextDueAt);
        var owner = profile.OwnerStaffId;
        var ownerChanged = owner is not null && owner != _ownerStored;
        var directoryKey = profile.Exists ? DirectoryEntry.KeyOf(profile) : 0;
        var directoryChanged = directoryKey != 0 && directoryKey != _directoryStored;
        var activity = directoryKey != 0 ? DirectoryEntry.ActivityOf(profile) : default;
        var activityChanged = directoryKey != 0 && !directoryChanged && activity != _activityStored;
        var snapshotRow = snapshot ? new CustomerSnapshotRow(tenant, customerId, _revision + 1, profile.JournalSequence, StorageJson.Write(profile)) : null;
        var move = pending.MovesOpenNudges;
        if (events is null && pending.IsEmpty && !dueChanged && !ownerChanged && !directoryChanged && !activityChanged && snapshotRow is null && !move) return WriteResult.Nothing;

        var result = await writer.WriteAsync(new WriteRequest
        {
            Events = events ?? [],
            Nudges = pending.Nudges,
            Closes = pending.Closes,
            Credits = pending.Credits,
            Conversions = pending.Conversions,
            Changes = pending.Changes,
            Due = dueChanged ? [new DueRow(tenant, customerId, nextDueAt)] : [],
            Snapshots = snapshotRow is null ? [] : [snapshotRow],
            Owners = ownerChanged ? [new OwnerRow(tenant, customerId, owner!)] : [],
            OpenNudgeMoves = move ? [new NudgeMove(tenant, customerId, owner ?? "", pending.Handover?.From, pending.Handover?.To)] : [],
            Directory = directoryChanged ? [DirectoryEntry.Of(tenant, profile)]
                : activityChanged ? [DirectoryRow.Activity(tenant, customerId, profile.LastInteractionAt, activity.OpenNudges)]
                : [],
        });
        _dueStored = (true, nextDueAt);
        _ownerStored = owner;
        if (directoryChanged) _directoryStored = directoryKey;
        if (directoryChanged || activityChanged) _activityStored = activity;
        if (snapshotRow is not null)
        {
            _revision = snapshotRow.Revision;
            Unsnapshotted = 0;
        }
        return result;
    }

    /// <summary>The revision of the snapshot storage holds for this customer (0: none).</summary>
    public long Revision => _revision;

    /// <summary>
    /// Stores a merge into this customer (<paramref name="merge"/>, whose snapshot, directory, owner and due-time rows
    /// are filled in here from <paramref name="profile"/>, the merged profile) in the merge's own transaction; on success
    /// storage holds the merged profile and its rows, as after a snapshot commit.
    /// </summary>
    public async Task<CustomerMerges.Outcome> CommitMergeAsync(CustomerMerges merges, CustomerMerges.MergeWrite merge, CustomerProfile profile, DateTimeOffset? nextDueAt)
    {
        var snapshot = new CustomerSnapshotRow(tenant, customerId, _revision + 1, profile.JournalSequence, StorageJson.Write(profile));
        var outcome = await merges.MergeAsync(merge with
        {
            Snapshot = snapshot, Directory = DirectoryEntry.Of(tenant, profile), Owner = profile.OwnerStaffId, DueAt = nextDueAt,
        });
        if (outcome.Merge is not null) Stored(snapshot, profile, nextDueAt);
        return outcome;
    }

    /// <summary>
    /// Stores the undo of a merge into this customer, with <paramref name="before"/> (its profile before the merge) as its
    /// snapshot and the source of its rows; the absorbed side's rows come from its own profile.
    /// </summary>
    public async Task<CustomerMerges.Outcome> CommitUndoAsync(CustomerMerges merges, CustomerMerges.MergeRecord merge, string by, CustomerProfile before,
        CustomerProfile? absorbed, IReadOnlyList<CustomerChangeRow> changes)
    {
        var snapshot = new CustomerSnapshotRow(tenant, customerId, _revision + 1, before.JournalSequence, StorageJson.Write(before));
        var outcome = await merges.UndoAsync(new CustomerMerges.UndoWrite(merge, by, snapshot, DirectoryEntry.Of(tenant, before), before.OwnerStaffId,
            absorbed is { Exists: true } ? DirectoryEntry.Of(tenant, absorbed) : null, absorbed?.OwnerStaffId, changes));
        if (outcome.Merge is not null) Stored(snapshot, before, merge.SurvivorDueAt);
        return outcome;
    }

    private void Stored(CustomerSnapshotRow snapshot, CustomerProfile profile, DateTimeOffset? dueAt)
    {
        (_revision, Unsnapshotted) = (snapshot.Revision, 0);
        (_dueStored, _ownerStored, _directoryStored) = ((true, dueAt), profile.OwnerStaffId, DirectoryEntry.KeyOf(profile));
    }
}
