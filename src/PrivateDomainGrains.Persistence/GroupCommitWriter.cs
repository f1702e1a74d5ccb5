using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PrivateDomainGrains.Persistence.Statements;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Group commit: writes from many customer grains (of every tenant) are queued and flushed together, one multi-row
/// statement per table in one round trip and one transaction. Each caller's task completes only after that
/// transaction commits, so "acknowledged" still means "durable", while the database sees a few large commits instead
/// of thousands of small ones (per-grain state writes cap near 2k/s on this class of machine; batched inserts reach
/// tens of thousands). A flush that the database refuses for the data of one write (a value it cannot store) is split
/// and retried until that write fails alone: one caller's bad rows never fail another caller's write.
/// <para>
/// Batches are formed key-aware (<see cref="KeysOf"/>): a write changing a nudge or a customer that a flush in flight
/// changes waits for a later batch, with every later write of the same keys behind it. Flushes in flight changed the same
/// nudges (a console's delivery mark, the staff member's Done, the customer's reply credit, one after the other) and each
/// waited for the previous one's row locks until it committed: at 10,000 events/s the flushes ran one at a time while
/// neither the host nor PostgreSQL was busy.
/// </para>
/// <para>
/// Events go first: a write whose events were not all new (one already journaled: a duplicate the grain did not
/// remember, or an id the tenant already uses for another event) stores nothing at all, its new events included, and
/// learns which of its events the journal refused (<see cref="WriteResult.Refused"/>). What a grain decided on such
/// events must never be stored.
/// </para>
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly GroupCommitMetrics _metrics;
    private readonly BatchPump<PendingWrite, WriteKey> _pump;
    private readonly WebhookTenants _webhookTenants;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<GroupCommitOptions> options, GroupCommitMetrics metrics, WebhookTenants webhookTenants,
        ILogger<GroupCommitWriter> logger)
    {
        (_dataSource, _metrics, _webhookTenants, _logger) = (dataSource, metrics, webhookTenants, logger);
        _pump = new BatchPump<PendingWrite, WriteKey>(options.Value.ConcurrentFlushes, options.Value.MaxRowsPerFlush, w => w.Request.Weight, FlushIsolatingAsync,
            (batch, ex) => batch.ForEach(w => w.Completion.TrySetException(ex)), w => w.Keys);
    }

    /// <summary>Commits the rows; the result names the events and nudges that were new (the rest already existed).</summary>
    /// <exception cref="PostgresException">The database refused this request's rows (its alone) or could not commit.</exception>
    public Task<WriteResult> WriteAsync(WriteRequest request)
    {
        var pending = new PendingWrite(request);
        _pump.Enqueue(pending);
        return _metrics.Traced(pending.Completion.Task, request);
    }

    /// <summary>
    /// Writes waiting for a flush (the operator's "group-commit queue"), those waiting for a flush in flight to end
    /// because it changes their nudges or customer included: near 0 unless the database falls behind.
    /// </summary>
    public int Queued => _pump.Queued;

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    /// <summary>
    /// Flushes the batch; when the database refuses its data, flushes each half on its own, down to the single write
    /// that carries the refused rows, which then fails alone. Any other failure (connection, shutdown) fails the batch.
    /// </summary>
    private async Task FlushIsolatingAsync(List<PendingWrite> batch)
    {
        try
        {
            await FlushRetryingConflictsAsync(batch);
        }
        catch (Exception ex) when (batch.Count > 1 && IsRefusedData(ex))
        {
            _logger.LogWarning("A group commit of {Writes} writes was refused for its data ({Reason}); committing them in halves to isolate it",
                batch.Count, ex.Message);
            var half = batch.Count / 2;
            await FlushHalfAsync(batch.GetRange(0, half));
            await FlushHalfAsync(batch.GetRange(half, batch.Count - half));
        }
    }

    /// <summary>
    /// This node's flushes in flight never share a nudge or a customer (<see cref="KeysOf"/>), but a flush can still meet
    /// another transaction on the same nudge rows: another node's flush (a console there, the customer here), or a move
    /// of a customer's open nudges (locked by customer) against a console's mark or close of one of them. Each flush locks
    /// the nudges it changes in one order first (<see cref="NudgeStatements.LockNudges"/>), but rows locked otherwise (the
    /// moves) can still leave two transactions waiting on each other, and PostgreSQL then ends one (deadlock 40P01, or
    /// serialization 40001). That transaction rolled back whole, so the batch is run again after a short random pause, up to
    /// <see cref="MaxConflictAttempts"/> times, instead of failing hundreds of writes (and their customers' activations).
    /// </summary>
    private async Task FlushRetryingConflictsAsync(List<PendingWrite> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FlushAsync(batch);
                return;
            }
            catch (Exception ex) when (attempt < MaxConflictAttempts && IsLockConflict(ex))
            {
                _logger.LogInformation("A group commit of {Writes} writes lost a lock conflict ({Reason}); running it again (attempt {Attempt})",
                    batch.Count, ex.Message, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt));
            }
        }
    }

    private const int MaxConflictAttempts = 5;

    private static bool IsLockConflict(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        NpgsqlException { InnerException: { } inner } => IsLockConflict(inner),
        _ => false,
    };

    private async Task FlushHalfAsync(List<PendingWrite> half)
    {
        try
        {
            await FlushIsolatingAsync(half);
        }
        catch (Exception ex)
        {
            foreach (var write in half) write.Completion.TrySetException(ex);
        }
    }

    /// <summary>
    /// The database (or the driver, before sending) refused a value: data exceptions (22), cardinality (21), integrity
    /// (23) and program limits (54), or text the driver cannot encode. Deterministic for those rows, unlike a lost
    /// connection.
    /// </summary>
    private static bool IsRefusedData(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState[..2] is "21" or "22" or "23" or "54",
        System.Text.EncoderFallbackException => true,
        NpgsqlException { InnerException: { } inner } => IsRefusedData(inner),
        _ => false,
    };

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        using var flush = _metrics.StartFlush(batch.Count, batch.Sum(w => w.Request.Weight));
        await using var connection = await _dataSource.OpenConnectionAsync();
        var subscribed = await _webhookTenants.CurrentAsync(connection);
        var events = All(batch, r => r.Events);
        if (events.Count == 0)
        {
            // A batch without an explicit transaction runs as one implicit transaction: all rows commit or none do.
            var committed = await FlushRestAsync(connection, batch, events, [], subscribed);
            flush.Committed();
            foreach (var (write, result) in committed) write.Completion.TrySetResult(result);
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync();
        var insertedEvents = new HashSet<(string, string)>(events.Count);
        await using (var insert = new NpgsqlBatch(connection, transaction) { BatchCommands = { JournalStatements.InsertEvents(events) } })
        await using (var reader = await insert.ExecuteReaderAsync())
            await ReadKeysAsync(reader, insertedEvents);
        // Each inserted event belongs to the first write that offered it; a write with any event it did not get is refused
        // whole, and the events it did get are taken back out (undo).
        List<(PendingWrite Write, IReadOnlySet<string> Refused)> refused = [];
        List<JournalRow> undo = [], mine = [];
        foreach (var write in batch)
        {
            mine.Clear();
            foreach (var e in write.Request.Events)
            {
                if (insertedEvents.Remove((e.Tenant, e.Event.Id))) mine.Add(e);
            }
            if (mine.Count == write.Request.Events.Count) continue;
            undo.AddRange(mine);
            var got = mine.Select(e => e.Event.Id).ToHashSet(StringComparer.Ordinal);
            refused.Add((write, write.Request.Events.Where(e => !got.Contains(e.Event.Id)).Select(e => e.Event.Id).ToHashSet(StringComparer.Ordinal)));
        }
        var kept = refused.Count == 0 ? batch : [.. batch.Where(w => !refused.Exists(r => r.Write == w))];
        var results = await FlushRestAsync(connection, kept, refused.Count == 0 ? events : All(kept, r => r.Events), undo, subscribed, transaction);
        await transaction.CommitAsync();
        flush.Committed();
        foreach (var (write, result) in results) write.Completion.TrySetResult(result);
        foreach (var (write, ids) in refused) write.Completion.TrySetResult(WriteResult.Nothing with { Refused = ids });
    }

    /// <summary>
    /// Everything but the events, for <paramref name="batch"/> (the writes not refused, whose events are
    /// <paramref name="events"/>), in one round trip: the events of refused writes in <paramref name="undo"/> are taken
    /// back out of the journal first. Returns each write's result, for the caller to hand out once committed
    /// (<paramref name="transaction"/>; without one, the batch was its own transaction). Webhook notifications are written
    /// for the tenants of <paramref name="subscribed"/> only (<see cref="WebhookTenants"/>).
    /// </summary>
    private static async Task<List<(PendingWrite Write, WriteResult Result)>> FlushRestAsync(NpgsqlConnection connection, List<PendingWrite> batch,
        List<JournalRow> events, List<JournalRow> undo, IReadOnlySet<string> subscribed, NpgsqlTransaction? transaction = null)
    {
        var nudges = All(batch, r => r.Nudges);
        var acks = All(batch, r => r.Acks);
        var moves = LatestPerCustomer(batch, r => r.OpenNudgeMoves);
        var snapshots = LatestSnapshots(batch);
        var due = LatestPerCustomer(batch, r => r.Due);
        var owners = LatestPerCustomer(batch, r => r.Owners);
        var closes = All(batch, r => r.Closes);
        // Every change to an existing nudge (closes, marks, credits) in one UPDATE, one row version per nudge per flush.
        var changed = NudgeChanges.Of(batch.Select(w => w.Request));
        var (directory, activity) = DirectoryOf(batch);
        var changes = All(batch, r => r.Changes);
        var identities = IdentityStatements.Of(events);

        await using var command = new NpgsqlBatch(connection, transaction);
        if (directory.Count > 0) command.BatchCommands.Add(DirectoryStatements.Directory(directory));
        if (activity.Count > 0) command.BatchCommands.Add(DirectoryStatements.Activity(activity));
        if (changes.Count > 0) command.BatchCommands.Add(DirectoryStatements.Changes(changes));
        if (identities.Count > 0) command.BatchCommands.Add(IdentityStatements.InsertIdentities(identities));
        if (snapshots.Count > 0) command.BatchCommands.Add(CustomerIndexStatements.Snapshots(snapshots));
        if (due.Any(d => d.DueAt is not null)) command.BatchCommands.Add(CustomerIndexStatements.SetDue(due.FindAll(d => d.DueAt is not null)));
        if (due.Any(d => d.DueAt is null)) command.BatchCommands.Add(CustomerIndexStatements.RemoveDue(due.FindAll(d => d.DueAt is null)));
        if (owners.Count > 0) command.BatchCommands.Add(CustomerIndexStatements.Owners(owners));
        if (undo.Count > 0) command.BatchCommands.Add(JournalStatements.DeleteEvents(undo));
        // The nudges' rows last, just before the commit: a transaction elsewhere changing one of them (another node's
        // flush, see FlushRetryingConflictsAsync) waits for these row locks until this one commits, so they are held for as
        // short a time as can be. This node's own flushes never wait on each other for them (batches are formed key-aware).
        // The statements that return rows are these, in the order their results are read below (Npgsql's reader steps
        // over the results of statements that return none).
        if (changed.Count > 0) command.BatchCommands.Add(NudgeStatements.LockNudges([.. changed.Select(c => (c.Tenant, c.NudgeId))]));
        if (nudges.Count > 0) command.BatchCommands.Add(NudgeStatements.InsertNudges(nudges));
        // Changes before moves: a card closed or marked by its staff member in this flush is theirs, and a nudge closed here is not moved.
        if (changed.Count > 0) command.BatchCommands.Add(NudgeStatements.ChangeNudges(changed));
        if (moves.Count > 0) command.BatchCommands.Add(NudgeStatements.ReassignOpenNudges(moves));
        // Webhook notifications of what this transaction raised, closed and changed (after the statements that did it),
        // for the tenants that subscribe to any.
        if (subscribed.Count > 0)
        {
            List<(string Tenant, string NudgeId)> raised = [.. nudges.Where(n => subscribed.Contains(n.Tenant)).Select(n => (n.Tenant, n.NudgeId))];
            List<(string Tenant, string NudgeId)> ended = [.. acks.Select(a => (a.Tenant, a.NudgeId)).Concat(closes.Select(c => (c.Tenant, c.NudgeId)))
                .Where(k => subscribed.Contains(k.Tenant)).Distinct()];
            List<CustomerChangeRow> notified = changes.FindAll(c => subscribed.Contains(c.Tenant));
            if (raised.Count + ended.Count + notified.Count > 0) command.BatchCommands.Add(WebhookStatements.Notify(raised, ended, notified));
        }
        if (command.BatchCommands.Count == 0) return [.. batch.Select(w => (w, WriteResult.Nothing))];

        var insertedNudges = new HashSet<(string, string)>();
        var ackedCustomers = new Dictionary<(string, string), string>();
        var moved = new Dictionary<(string, string), List<NudgeRow>>();
        var closedStaff = new Dictionary<(string, string), string>();
        var marked = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var resultSets = new Queue<Func<Task>>();
            if (changed.Count > 0) resultSets.Enqueue(async () => { while (await reader.ReadAsync()) { } });
            if (nudges.Count > 0) resultSets.Enqueue(() => ReadKeysAsync(reader, insertedNudges));
            if (changed.Count > 0) resultSets.Enqueue(async () =>
            {
                while (await reader.ReadAsync())
                {
                    var key = (reader.GetString(0), reader.GetString(1));
                    if (reader.GetBoolean(4)) ackedCustomers[key] = reader.GetString(2);
                    if (reader.GetBoolean(5)) closedStaff[key] = reader.GetString(3);
                    if (reader.GetBoolean(6)) marked.Add(key);
                }
            });
            if (moves.Count > 0) resultSets.Enqueue(async () =>
            {
                while (await reader.ReadAsync())
                {
                    var row = NudgeStatements.ReadRow(reader) with { PreviousStaffId = reader.GetString(NudgeStatements.ColumnCount) };
                    if (!moved.TryGetValue((row.Tenant, row.CustomerId), out var list)) moved[(row.Tenant, row.CustomerId)] = list = [];
                    list.Add(row);
                }
            });
            while (resultSets.TryDequeue(out var read))
            {
                await read();
                if (resultSets.Count > 0) await reader.NextResultAsync();
            }
            // Run through the remaining results so a failing later statement fails this flush before anyone is told "committed".
            while (await reader.NextResultAsync()) { }
        }

        var results = new List<(PendingWrite, WriteResult)>(batch.Count);
        foreach (var write in batch)
        {
            var request = write.Request;
            // Most writes carry no nudges, acks, moves, closes or marks: those parts of their results are shared empties.
            results.Add((write, new WriteResult(
                Claim(request.Nudges, insertedNudges),
                request.Acks.Count == 0 ? FrozenDictionary<string, string>.Empty : request.Acks
                    .Where(a => ackedCustomers.ContainsKey((a.Tenant, a.NudgeId)))
                    .ToDictionary(a => a.NudgeId, a => ackedCustomers[(a.Tenant, a.NudgeId)], StringComparer.Ordinal))
            {
                MovedNudges = request.OpenNudgeMoves.Count == 0 ? []
                    : [.. request.OpenNudgeMoves.SelectMany(m => moved.Remove((m.Tenant, m.CustomerId), out var rows) ? rows : [])],
                ClosedNudges = request.Closes.Count == 0 ? [] : [.. request.Closes.Where(c => closedStaff.ContainsKey((c.Tenant, c.NudgeId)))
                    .Select(c => (c.NudgeId, closedStaff[(c.Tenant, c.NudgeId)]))],
                MarkedNudgeIds = request.Marks.Count == 0 ? FrozenSet<string>.Empty
                    : request.Marks.Where(m => marked.Contains((m.Tenant, m.NudgeId))).Select(m => m.NudgeId).ToHashSet(StringComparer.Ordinal),
            }));
        }
        return results;
    }

    /// <summary>
    /// The ids among <paramref name="offered"/> that were inserted: each inserted key goes to the first write that offered
    /// it, so two grains racing with the same id cannot both believe they stored it.
    /// </summary>
    private static IReadOnlySet<string> Claim(IReadOnlyList<NudgeRow> offered, HashSet<(string, string)> inserted)
    {
        HashSet<string>? mine = null;
        foreach (var nudge in offered)
        {
            if (inserted.Remove((nudge.Tenant, nudge.NudgeId))) (mine ??= new HashSet<string>(StringComparer.Ordinal)).Add(nudge.NudgeId);
        }
        return (IReadOnlySet<string>?)mine ?? FrozenSet<string>.Empty;
    }

    /// <summary>Every write's rows of one kind, in queue order, in a list sized once.</summary>
    private static List<TRow> All<TRow>(List<PendingWrite> batch, Func<WriteRequest, IReadOnlyList<TRow>> rows)
    {
        var count = 0;
        foreach (var write in batch) count += rows(write.Request).Count;
        var all = new List<TRow>(count);
        if (count == 0) return all;
        foreach (var write in batch) all.AddRange(rows(write.Request));
        return all;
    }

    /// <summary>One snapshot per customer, the highest revision (the first of equals) winning: an upsert cannot touch a row twice in one statement.</summary>
    private static List<CustomerSnapshotRow> LatestSnapshots(List<PendingWrite> batch)
    {
        var latest = new Dictionary<(string, string), CustomerSnapshotRow>();
        foreach (var write in batch)
        {
            foreach (var row in write.Request.Snapshots)
            {
                if (!latest.TryGetValue((row.Tenant, row.CustomerId), out var held) || row.Revision > held.Revision) latest[(row.Tenant, row.CustomerId)] = row;
            }
        }
        return [.. latest.Values];
    }

    /// <summary>
    /// One row per customer, the last write in queue order winning: an upsert cannot touch a row twice in one
    /// statement, and a customer's later write supersedes its earlier one.
    /// </summary>
    private static List<TRow> LatestPerCustomer<TRow>(List<PendingWrite> batch, Func<WriteRequest, IReadOnlyList<TRow>> rows) where TRow : ICustomerRow
    {
        var latest = new Dictionary<(string, string), TRow>();
        foreach (var write in batch)
        {
            foreach (var row in rows(write.Request)) latest[(row.Tenant, row.CustomerId)] = row;
        }
        return [.. latest.Values];
    }

    /// <summary>
    /// The directory rows, latest per customer (<see cref="LatestPerCustomer{TRow}"/>), split into whole rows and
    /// <see cref="DirectoryRow.ActivityOnly"/> ones; an activity row after a whole row of the same customer in this
    /// flush is folded into it, since that whole row is not stored yet.
    /// </summary>
    private static (List<DirectoryRow> Whole, List<DirectoryRow> Activity) DirectoryOf(List<PendingWrite> batch)
    {
        var latest = new Dictionary<(string, string), DirectoryRow>();
        foreach (var write in batch)
        {
            foreach (var row in write.Request.Directory)
            {
                var key = (row.Tenant, row.CustomerId);
                latest[key] = row.ActivityOnly && latest.TryGetValue(key, out var earlier) && !earlier.ActivityOnly
                    ? earlier with { LastInteractionAt = row.LastInteractionAt, OpenNudges = row.OpenNudges }
                    : row;
            }
        }
        List<DirectoryRow> whole = [], activity = [];
        foreach (var row in latest.Values) (row.ActivityOnly ? activity : whole).Add(row);
        return (whole, activity);
    }

    private static async Task ReadKeysAsync(NpgsqlDataReader reader, HashSet<(string, string)> keys)
    {
        while (await reader.ReadAsync()) keys.Add((reader.GetString(0), reader.GetString(1)));
    }

    /// <summary>
    /// A write's keys for forming batches (<see cref="BatchPump{T, TKey}"/>): each nudge it inserts or changes (closes,
    /// marks, credits, conversions) and each customer it writes rows of (events, snapshot, index entries, directory,
    /// timeline changes, moves of its open nudges) or whose nudge a staff member closes, opens or snoozes. Two flushes in
    /// flight never hold the same key, so they never change the same rows and one never waits for the other's row locks;
    /// the writes of one nudge or one customer commit in the order they were queued. A staff member's close, opening or
    /// snooze is keyed by its customer as well: a move of that customer's open nudges (a new owner, a handover) changes
    /// the rows it is checked against (whose nudge it is) without naming them, and must not pass a close queued before it
    /// (the close would then be refused as not the staff member's, and the click lost).
    /// </summary>
    private static WriteKey[] KeysOf(WriteRequest r)
    {
        var count = 2 * (r.Acks.Count + r.Marks.Count) + r.Nudges.Count + r.Closes.Count + r.Credits.Count + r.Conversions.Count
            + r.Events.Count + r.Snapshots.Count + r.Due.Count + r.Owners.Count + r.OpenNudgeMoves.Count + r.Directory.Count + r.Changes.Count;
        if (count == 0) return [];
        var keys = new List<WriteKey>(count);
        foreach (var n in r.Nudges) keys.Add(new(n.Tenant, n.NudgeId, false));
        foreach (var a in r.Acks) keys.Add(new(a.Tenant, a.NudgeId, false));
        foreach (var c in r.Closes) keys.Add(new(c.Tenant, c.NudgeId, false));
        foreach (var m in r.Marks) keys.Add(new(m.Tenant, m.NudgeId, false));
        foreach (var c in r.Credits) keys.Add(new(c.Tenant, c.NudgeId, false));
        foreach (var c in r.Conversions) keys.Add(new(c.Tenant, c.NudgeId, false));
        // A customer's write usually carries several rows of that one customer: one key for them.
        void Customer(string tenant, string customerId)
        {
            if (keys.Count == 0 || keys[^1] != new WriteKey(tenant, customerId, true)) keys.Add(new(tenant, customerId, true));
        }
        foreach (var a in r.Acks) Customer(a.Tenant, a.CustomerId);
        // Not a delivery: one console's delivery names many customers, and would hold each one's events behind any one of
        // them held; a delivery a move overtakes costs only the first-delivered time (the new owner's console is sent it).
        foreach (var m in r.Marks) if (m.Kind != NudgeMarkKind.Delivered) Customer(m.Tenant, m.CustomerId);
        foreach (var e in r.Events) Customer(e.Tenant, e.CustomerId);
        foreach (var s in r.Snapshots) Customer(s.Tenant, s.CustomerId);
        foreach (var d in r.Due) Customer(d.Tenant, d.CustomerId);
        foreach (var o in r.Owners) Customer(o.Tenant, o.CustomerId);
        foreach (var m in r.OpenNudgeMoves) Customer(m.Tenant, m.CustomerId);
        foreach (var d in r.Directory) Customer(d.Tenant, d.CustomerId);
        foreach (var c in r.Changes) Customer(c.Tenant, c.CustomerId);
        return [.. keys];
    }

    /// <summary>A nudge (tenant, nudge id) or, when <see cref="Customer"/>, a customer (tenant, customer id).</summary>
    private readonly record struct WriteKey(string Tenant, string Id, bool Customer);

    private sealed class PendingWrite(WriteRequest request)
    {
        public WriteRequest Request { get; } = request;

        /// <summary>What the write changes that a write of another flush could change too (<see cref="KeysOf"/>).</summary>
        public WriteKey[] Keys { get; } = KeysOf(request);

        // Continuations run off the flusher so one slow caller cannot hold up the next flush.
        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
