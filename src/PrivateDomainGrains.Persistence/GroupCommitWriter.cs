using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Group commit: writes from many customer grains are queued and flushed together, one multi-row statement per
/// table in one round trip and one transaction. Each caller's task completes only after that transaction commits,
/// so "acknowledged" still means "durable", while the database sees a few large commits instead of thousands of
/// small ones (per-grain state writes cap near 2k/s on this class of machine; batched inserts reach tens of thousands).
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private const string InsertEvents = """
        INSERT INTO pdg_event_journal (tenant, customer_id, seq, event_id, type, occurred_at, channel, staff_id, body, data)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
        ON CONFLICT DO NOTHING
        RETURNING tenant, event_id
        """;

    private const string InsertNudges = """
        INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::integer[], $11::timestamptz[], $12::text[], $13::text[])
        ON CONFLICT DO NOTHING
        RETURNING tenant, nudge_id
        """;

    private const string AcknowledgeNudges = """
        UPDATE pdg_nudges n SET acked_at = now()
        FROM unnest($1::text[], $2::text[], $3::text[]) AS a(tenant, staff_id, nudge_id)
        WHERE n.tenant = a.tenant AND n.nudge_id = a.nudge_id AND n.staff_id = a.staff_id AND n.acked_at IS NULL
        RETURNING n.tenant, n.nudge_id, n.customer_id
        """;

    private const string UpsertSnapshots = """
        INSERT INTO pdg_customer_snapshots (tenant, customer_id, revision, seq, body)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bytea[])
        ON CONFLICT (tenant, customer_id) DO UPDATE
        SET revision = excluded.revision, seq = excluded.seq, body = excluded.body, saved_at = now()
        WHERE pdg_customer_snapshots.revision < excluded.revision
        """;

    // A new due time ends any lease: the customer has dealt with (or rescheduled) what the lease was for.
    private const string UpsertDue = """
        INSERT INTO pdg_due (tenant, customer_id, bucket, due_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::timestamptz[])
        ON CONFLICT (tenant, customer_id) DO UPDATE SET due_at = excluded.due_at, leased_until = NULL
        """;

    private const string DeleteDue = """
        DELETE FROM pdg_due d
        USING unnest($1::text[], $2::text[]) AS r(tenant, customer_id)
        WHERE d.tenant = r.tenant AND d.customer_id = r.customer_id
        """;

    // The ownership index follows the profile: the latest owner wins, whatever the row said before.
    private const string UpsertOwners = """
        INSERT INTO pdg_customer_owners (tenant, customer_id, staff_id)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        ON CONFLICT (tenant, customer_id) DO UPDATE SET staff_id = excluded.staff_id
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly BatchPump<PendingWrite> _pump;

    public GroupCommitWriter(NpgsqlDataSource dataSource, IOptions<GroupCommitOptions> options)
    {
        _dataSource = dataSource;
        _pump = new BatchPump<PendingWrite>(options.Value.ConcurrentFlushes, options.Value.MaxRowsPerFlush, w => w.Request.Weight, FlushAsync,
            (batch, ex) => batch.ForEach(w => w.Completion.TrySetException(ex)));
    }

    /// <summary>Commits the rows; the result names the events and nudges that were new (the rest already existed).</summary>
    public Task<WriteResult> WriteAsync(WriteRequest request)
    {
        var pending = new PendingWrite(request);
        _pump.Enqueue(pending);
        return pending.Completion.Task;
    }

    public ValueTask DisposeAsync() => _pump.DisposeAsync();

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        var events = batch.SelectMany(w => w.Request.Events).ToList();
        var nudges = batch.SelectMany(w => w.Request.Nudges).ToList();
        var acks = batch.SelectMany(w => w.Request.Acks).ToList();
        var snapshots = LatestPerCustomer(batch.SelectMany(w => w.Request.Snapshots));
        var (dueSet, dueRemoved) = LatestDue(batch);
        var owners = LatestOwners(batch);

        await using var connection = await _dataSource.OpenConnectionAsync();
        // A batch without an explicit transaction runs as one implicit transaction: all rows commit or none do.
        // Statements that return rows come first, in the order their results are read below.
        await using var command = new NpgsqlBatch(connection);
        if (events.Count > 0) command.BatchCommands.Add(EventsCommand(events));
        if (nudges.Count > 0) command.BatchCommands.Add(NudgesCommand(nudges));
        if (acks.Count > 0) command.BatchCommands.Add(AcksCommand(acks));
        if (snapshots.Count > 0) command.BatchCommands.Add(SnapshotsCommand(snapshots));
        if (dueSet.Count > 0) command.BatchCommands.Add(UpsertDueCommand(dueSet));
        if (dueRemoved.Count > 0) command.BatchCommands.Add(DeleteDueCommand(dueRemoved));
        if (owners.Count > 0) command.BatchCommands.Add(OwnersCommand(owners));

        var insertedEvents = new HashSet<(string, string)>();
        var insertedNudges = new HashSet<(string, string)>();
        var ackedCustomers = new Dictionary<(string, string), string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var resultSets = (events.Count > 0 ? 1 : 0) + (nudges.Count > 0 ? 1 : 0) + (acks.Count > 0 ? 1 : 0);
            if (events.Count > 0) await ReadKeysAsync(reader, insertedEvents, --resultSets > 0);
            if (nudges.Count > 0) await ReadKeysAsync(reader, insertedNudges, --resultSets > 0);
            if (acks.Count > 0)
                while (await reader.ReadAsync()) ackedCustomers[(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
            // Run through the remaining results so a failing later statement fails this flush before anyone is told "committed".
            while (await reader.NextResultAsync()) { }
        }

        foreach (var write in batch)
        {
            write.Completion.TrySetResult(new WriteResult(
                Claim(write.Request.Events.Select(e => (e.Tenant, e.Event.Id)), insertedEvents),
                Claim(write.Request.Nudges.Select(n => (n.Tenant, n.NudgeId)), insertedNudges),
                write.Request.Acks
                    .Where(a => ackedCustomers.ContainsKey((a.Tenant, a.NudgeId)))
                    .ToDictionary(a => a.NudgeId, a => ackedCustomers[(a.Tenant, a.NudgeId)], StringComparer.Ordinal)));
        }
    }

    /// <summary>One upsert cannot touch a row twice: of several snapshots of one customer in a flush, the newest wins.</summary>
    private static List<CustomerSnapshotRow> LatestPerCustomer(IEnumerable<CustomerSnapshotRow> rows) =>
        rows.GroupBy(r => (r.Tenant, r.CustomerId)).Select(g => g.MaxBy(r => r.Revision)!).ToList();

    /// <summary>
    /// Each inserted key goes to the first write that offered it, so two grains racing with the same event id
    /// cannot both believe they stored it.
    /// </summary>
    private static HashSet<string> Claim(IEnumerable<(string Tenant, string Id)> offered, HashSet<(string, string)> inserted)
    {
        var mine = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in offered)
        {
            if (inserted.Remove(key)) mine.Add(key.Id);
        }
        return mine;
    }

    /// <summary>
    /// One row per customer, the last write in queue order winning: ON CONFLICT cannot touch a row twice in one
    /// statement, and a customer's later write supersedes its earlier one.
    /// </summary>
    private static (List<DueRow> Set, List<DueRow> Removed) LatestDue(List<PendingWrite> batch)
    {
        var latest = new Dictionary<(string, string), DueRow>();
        foreach (var write in batch)
        {
            foreach (var due in write.Request.Due) latest[(due.Tenant, due.CustomerId)] = due;
        }
        var set = new List<DueRow>(latest.Count);
        var removed = new List<DueRow>();
        foreach (var due in latest.Values) (due.DueAt is null ? removed : set).Add(due);
        return (set, removed);
    }

    /// <summary>One row per customer, the last write in queue order winning, for the same reason as <see cref="LatestDue"/>.</summary>
    private static List<OwnerRow> LatestOwners(List<PendingWrite> batch)
    {
        var latest = new Dictionary<(string, string), OwnerRow>();
        foreach (var write in batch)
        {
            foreach (var owner in write.Request.Owners) latest[(owner.Tenant, owner.CustomerId)] = owner;
        }
        return latest.Values.ToList();
    }

    private static async Task ReadKeysAsync(NpgsqlDataReader reader, HashSet<(string, string)> keys, bool advance)
    {
        while (await reader.ReadAsync()) keys.Add((reader.GetString(0), reader.GetString(1)));
        if (advance) await reader.NextResultAsync();
    }

    private static NpgsqlBatchCommand EventsCommand(List<JournalRow> rows) => new(InsertEvents)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Bigints(rows.Select(r => r.Sequence)),
            Text(rows.Select(r => r.Event.Id)),
            Text(rows.Select(r => r.Event.Type)),
            Timestamps(rows.Select(r => r.Event.At)),
            Text(rows.Select(r => r.Event.Channel)),
            Text(rows.Select(r => r.Event.StaffId)),
            Text(rows.Select(r => r.Event.Text)),
            new() { Value = rows.Select(r => JournalData.ToJson(r.Event.Data)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
        },
    };

    private static NpgsqlBatchCommand NudgesCommand(List<NudgeRow> rows) => new(InsertNudges)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.NudgeId)),
            Text(rows.Select(r => r.StaffId)),
            Text(rows.Select(r => r.CustomerId)),
            Text(rows.Select(r => r.EventId)),
            Text(rows.Select(r => r.Kind)),
            Text(rows.Select(r => r.Title)),
            Text(rows.Select(r => r.Text)),
            Text(rows.Select(r => r.Reason)),
            new() { Value = rows.Select(r => r.Priority).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
            Timestamps(rows.Select(r => r.CreatedAt)),
            Text(rows.Select(r => r.Suggested)),
            Text(rows.Select(r => r.Explanation)),
        },
    };

    private static NpgsqlBatchCommand AcksCommand(List<NudgeAck> rows) => new(AcknowledgeNudges)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)) },
    };

    private static NpgsqlBatchCommand SnapshotsCommand(List<CustomerSnapshotRow> rows) => new(UpsertSnapshots)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Bigints(rows.Select(r => r.Revision)),
            Bigints(rows.Select(r => r.Sequence)),
            new() { Value = rows.Select(r => r.Body).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
        },
    };

    private static NpgsqlBatchCommand UpsertDueCommand(List<DueRow> rows) => new(UpsertDue)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            new() { Value = rows.Select(r => DueBuckets.Of(r.Tenant, r.CustomerId)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint },
            Timestamps(rows.Select(r => r.DueAt!.Value)),
        },
    };

    private static NpgsqlBatchCommand DeleteDueCommand(List<DueRow> rows) => new(DeleteDue)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.CustomerId)) },
    };

    private static NpgsqlBatchCommand OwnersCommand(List<OwnerRow> rows) => new(UpsertOwners)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.CustomerId)), Text(rows.Select(r => r.StaffId)) },
    };

    private static NpgsqlParameter Text(IEnumerable<string?> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter Bigints(IEnumerable<long> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint };

    private static NpgsqlParameter Timestamps(IEnumerable<DateTimeOffset> values) =>
        new() { Value = values.Select(v => v.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz };

    private sealed class PendingWrite(WriteRequest request)
    {
        public WriteRequest Request { get; } = request;

        // Continuations run off the flusher so one slow caller cannot hold up the next flush.
        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
