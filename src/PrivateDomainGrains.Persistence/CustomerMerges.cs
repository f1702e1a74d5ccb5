using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Persistence.Statements;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Customer merges and their undo (issue 14; <c>pdg_customer_merges</c>, deploy/sql/0044), each one transaction. A
/// merge moves the absorbed customer's journal (re-sequenced after the survivor's), nudges (open ones that follow the
/// owner to the survivor's owner), timeline changes and identities to the survivor, removes its due-time, owner and
/// directory rows, writes the survivor's merged snapshot, index and directory rows and both timelines' entries, and
/// records what an undo needs; the live row is the absorbed id's alias (<see cref="CustomerLoader"/> reads it). An
/// undo moves exactly that back and restores both sides' rows. The customer grain decides; this class only stores.
/// </summary>
public sealed class CustomerMerges(NpgsqlDataSource dataSource)
{
    /// <summary>A merge to store. The survivor's rows are its state after the merge; <see cref="SurvivorBefore"/> its profile before.</summary>
    /// <param name="AbsorbedRevision">The absorbed customer's snapshot revision it handed over at: the merge is refused if it changed since.</param>
    /// <param name="AbsorbedSequence">The absorbed customer's journal length it handed over at (likewise).</param>
    public sealed record MergeWrite(
        string Tenant, string MergeId, string SurvivorId, string AbsorbedId, string By,
        byte[] SurvivorBefore, long SurvivorSequence, DateTimeOffset? SurvivorDueAt,
        long AbsorbedRevision, long AbsorbedSequence, DateTimeOffset? AbsorbedDueAt, IReadOnlyList<CustomerChangeRow> Changes)
    {
        /// <summary>The survivor's merged profile, its directory row, owner and due time (filled in by its unit of work).</summary>
        public CustomerSnapshotRow Snapshot { get; init; } = null!;
        public DirectoryRow Directory { get; init; } = null!;
        public string? Owner { get; init; }
        public DateTimeOffset? DueAt { get; init; }
    }

    /// <summary>An undo to store: both sides' rows as they were before the merge (the absorbed snapshot row never changed).</summary>
    public sealed record UndoWrite(
        MergeRecord Merge, string By, CustomerSnapshotRow Snapshot, DirectoryRow SurvivorDirectory, string? SurvivorOwner,
        DirectoryRow? AbsorbedDirectory, string? AbsorbedOwner, IReadOnlyList<CustomerChangeRow> Changes);

    /// <summary>A merge as stored; <see cref="AbsorbedSnapshot"/> is the absorbed customer's snapshot body (its profile before the merge).</summary>
    public sealed record MergeRecord(
        string Tenant, string MergeId, string SurvivorId, string AbsorbedId, DateTimeOffset MergedAt, string MergedBy,
        byte[] SurvivorBefore, byte[] SurvivorAfter, long SurvivorSequence, DateTimeOffset? SurvivorDueAt,
        long AbsorbedSequence, DateTimeOffset? AbsorbedDueAt, IReadOnlyList<(string Kind, string Value)> MovedIdentities, int MovedNudges,
        DateTimeOffset? UndoneAt, string? UndoneBy)
    {
        public byte[]? AbsorbedSnapshot { get; init; }
    }

    /// <summary>What storing a merge or an undo did: done, or refused (nothing stored) for the reason given.</summary>
    public sealed record Outcome(MergeRecord? Merge, string? Refused)
    {
        /// <summary>The open nudges that moved to another staff member, as they are now, each with <see cref="NudgeRow.PreviousStaffId"/>.</summary>
        public IReadOnlyList<NudgeRow> Readdressed { get; init; } = [];
    }

    private const string Columns = """
        m.tenant, m.merge_id, m.survivor_id, m.absorbed_id, m.merged_at, m.merged_by, m.survivor_before, m.survivor_after, m.survivor_seq,
        m.survivor_due_at, m.absorbed_seq, m.absorbed_due_at, m.moved_identities::text, jsonb_array_length(m.moved_nudges), m.undone_at, m.undone_by
        """;

    /// <summary>Stores the merge in one transaction, or refuses it (nothing stored) when the absorbed customer changed or was merged meanwhile.</summary>
    public async Task<Outcome> MergeAsync(MergeWrite w, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // The absorbed customer handed its state over with this revision and journal length; an event or an edit that
        // committed since would be left behind, so the merge is refused and can be asked for again.
        var state = await ScalarsAsync(connection, tx, """
            SELECT (SELECT revision FROM pdg_customer_snapshots WHERE tenant = $1 AND customer_id = $2),
                   (SELECT coalesce(max(seq), 0) FROM pdg_event_journal WHERE tenant = $1 AND customer_id = $2),
                   (SELECT survivor_id FROM pdg_customer_merges WHERE tenant = $1 AND absorbed_id = $2 AND undone_at IS NULL)
            """, ct, w.Tenant, w.AbsorbedId);
        if (state[2] is string already) return new(null, MergePhrases.MergedMeanwhile.Say(w.AbsorbedId, already));
        if (state[0] as long? != w.AbsorbedRevision || (long)state[1]! != w.AbsorbedSequence)
            return new(null, MergePhrases.ChangedWhileMerged.Say(w.AbsorbedId));

        var identities = new List<(string Kind, string Value)>();
        await using (var reader = await Command(connection, tx,
            "UPDATE pdg_identities SET customer_id = $3 WHERE tenant = $1 AND customer_id = $2 RETURNING kind, value", w.Tenant, w.AbsorbedId, w.SurvivorId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) identities.Add((reader.GetString(0), reader.GetString(1)));
        await Command(connection, tx, """
            UPDATE pdg_event_journal SET customer_id = $3, seq = seq + $4 WHERE tenant = $1 AND customer_id = $2
            """, w.Tenant, w.AbsorbedId, w.SurvivorId, w.SurvivorSequence).ExecuteNonQueryAsync(ct);
        var nudges = new List<object>();
        var readdressed = new List<NudgeRow>();
        await using (var reader = await Command(connection, tx, $"""
            WITH old AS (SELECT nudge_id, staff_id FROM pdg_nudges WHERE tenant = $1 AND customer_id = $2 ORDER BY nudge_id FOR UPDATE)
            UPDATE pdg_nudges n SET customer_id = $3,
                staff_id = CASE WHEN n.acked_at IS NULL AND n.follows_owner AND $4::text IS NOT NULL THEN $4::text ELSE n.staff_id END
            FROM old WHERE n.tenant = $1 AND n.nudge_id = old.nudge_id
            RETURNING {NudgeStatements.ColumnsOf("n")}, old.staff_id
            """, w.Tenant, w.AbsorbedId, w.SurvivorId, (object?)w.Owner ?? DBNull.Value).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) Moved(reader, nudges, readdressed);
        var changes = new List<long>();
        await using (var reader = await Command(connection, tx,
            "UPDATE pdg_customer_changes SET customer_id = $3 WHERE tenant = $1 AND customer_id = $2 RETURNING id", w.Tenant, w.AbsorbedId, w.SurvivorId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) changes.Add(reader.GetInt64(0));

        await using var batch = new NpgsqlBatch(connection, tx);
        foreach (var table in new[] { "pdg_due", "pdg_customer_owners", "pdg_customer_directory" })
            batch.BatchCommands.Add(Statement($"DELETE FROM {table} WHERE tenant = $1 AND customer_id = $2", w.Tenant, w.AbsorbedId));
        AddCustomerRows(batch, w.Snapshot, w.Directory, w.Owner, w.DueAt);
        // After the moves: the absorbed side's own entry stays in its timeline.
        batch.BatchCommands.Add(DirectoryStatements.Changes([.. w.Changes]));
        // customer.merged and customer.merged-into for the tenant's subscriptions, committed with the merge (as the group commit does for other changes).
        batch.BatchCommands.Add(WebhookStatements.Notify([], [], [.. w.Changes]));
        batch.BatchCommands.Add(Statement("""
            INSERT INTO pdg_customer_merges (tenant, merge_id, survivor_id, absorbed_id, merged_by, survivor_before, survivor_after, survivor_seq,
                survivor_due_at, absorbed_seq, absorbed_revision, absorbed_due_at, moved_identities, moved_nudges, moved_changes)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15)
            """, w.Tenant, w.MergeId, w.SurvivorId, w.AbsorbedId, w.By, w.SurvivorBefore, w.Snapshot.Body, w.SurvivorSequence,
            Nullable(w.SurvivorDueAt), w.AbsorbedSequence, w.AbsorbedRevision, Nullable(w.AbsorbedDueAt),
            JsonSerializer.Serialize(identities.Select(i => new { kind = i.Kind, value = i.Value })), JsonSerializer.Serialize(nudges), changes.ToArray()));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new(await GetAsync(w.Tenant, w.MergeId, ct), null) { Readdressed = readdressed };
    }

    /// <summary>A nudge a merge moved (<see cref="NudgeStatements.Columns"/>, then the staff member it had): remembered for the undo, and for consoles when its staff member changed.</summary>
    private static void Moved(NpgsqlDataReader reader, List<object> nudges, List<NudgeRow> readdressed)
    {
        var row = NudgeStatements.ReadRow(reader) with { PreviousStaffId = reader.GetString(NudgeStatements.ColumnCount) };
        nudges.Add(new { id = row.NudgeId, staff = row.PreviousStaffId });
        if (row.StaffId != row.PreviousStaffId) readdressed.Add(row);
    }

    /// <summary>
    /// Undoes the merge in one transaction, or refuses (nothing stored) when it was undone already or an identity it moved
    /// no longer names the survivor.
    /// </summary>
    public async Task<Outcome> UndoAsync(UndoWrite w, CancellationToken ct = default)
    {
        var m = w.Merge;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var state = await ScalarsAsync(connection, tx, """
            SELECT undone_at, (SELECT count(*) FROM pdg_event_journal WHERE tenant = $1 AND customer_id = $3 AND seq > $4)
            FROM pdg_customer_merges WHERE tenant = $1 AND merge_id = $2 FOR UPDATE
            """, ct, m.Tenant, m.MergeId, m.SurvivorId, m.SurvivorSequence + m.AbsorbedSequence);
        if (state.Length == 0) return new(null, MergePhrases.NoMerge.Say(m.MergeId));
        if (state[0] is DateTime) return new(null, MergePhrases.UndoneAlready.Say(m.MergeId));
        if ((long)state[1]! > 0) return new(null, MergePhrases.EventsSince.Say(m.SurvivorId, state[1]));

        var back = 0;
        var missing = new List<string>();
        await using (var reader = await Command(connection, tx, """
            WITH moved AS (SELECT * FROM jsonb_to_recordset((SELECT moved_identities FROM pdg_customer_merges WHERE tenant = $1 AND merge_id = $2)) AS x(kind text, value text)),
            back AS (
                UPDATE pdg_identities i SET customer_id = $4 FROM moved
                WHERE i.tenant = $1 AND i.kind = moved.kind AND i.value = moved.value AND i.customer_id = $3
                RETURNING i.kind, i.value)
            SELECT moved.kind, moved.value, back.kind IS NOT NULL FROM moved LEFT JOIN back ON back.kind = moved.kind AND back.value = moved.value
            """, m.Tenant, m.MergeId, m.SurvivorId, m.AbsorbedId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                if (reader.GetBoolean(2)) back++;
                else missing.Add($"{reader.GetString(0)} {reader.GetString(1)}");
        if (missing.Count > 0) return new(null, MergePhrases.IdentitiesMoved.Say(m.SurvivorId, WordedList.Each(missing)));

        var readdressed = new List<NudgeRow>();
        await using (var reader = await Command(connection, tx, $"""
            WITH x AS (
                SELECT x.id, x.staff, n.staff_id AS now FROM jsonb_to_recordset((SELECT moved_nudges FROM pdg_customer_merges WHERE tenant = $1 AND merge_id = $2)) AS x(id text, staff text)
                JOIN pdg_nudges n ON n.tenant = $1 AND n.nudge_id = x.id ORDER BY x.id FOR UPDATE OF n)
            UPDATE pdg_nudges n SET customer_id = $3, staff_id = CASE WHEN n.acked_at IS NULL THEN x.staff ELSE n.staff_id END
            FROM x WHERE n.tenant = $1 AND n.nudge_id = x.id
            RETURNING {NudgeStatements.ColumnsOf("n")}, x.now
            """, m.Tenant, m.MergeId, m.AbsorbedId).ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) Moved(reader, [], readdressed);

        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(Statement("""
            UPDATE pdg_event_journal SET customer_id = $3, seq = seq - $4 WHERE tenant = $1 AND customer_id = $2 AND seq > $4 AND seq <= $5
            """, m.Tenant, m.SurvivorId, m.AbsorbedId, m.SurvivorSequence, m.SurvivorSequence + m.AbsorbedSequence));
        batch.BatchCommands.Add(Statement("""
            UPDATE pdg_customer_changes SET customer_id = $3
            WHERE id = ANY((SELECT moved_changes FROM pdg_customer_merges WHERE tenant = $1 AND merge_id = $2)::bigint[])
            """, m.Tenant, m.MergeId, m.AbsorbedId));
        AddCustomerRows(batch, w.Snapshot, w.SurvivorDirectory, w.SurvivorOwner, m.SurvivorDueAt);
        if (w.AbsorbedDirectory is not null) batch.BatchCommands.Add(DirectoryStatements.Directory([w.AbsorbedDirectory]));
        if (w.AbsorbedOwner is not null) batch.BatchCommands.Add(CustomerIndexStatements.Owners([new OwnerRow(m.Tenant, m.AbsorbedId, w.AbsorbedOwner)]));
        if (m.AbsorbedDueAt is not null) batch.BatchCommands.Add(CustomerIndexStatements.SetDue([new DueRow(m.Tenant, m.AbsorbedId, m.AbsorbedDueAt)]));
        batch.BatchCommands.Add(DirectoryStatements.Changes([.. w.Changes]));
        batch.BatchCommands.Add(WebhookStatements.Notify([], [], [.. w.Changes])); // customer.merge-undone on both, committed with the undoing
        batch.BatchCommands.Add(Statement("UPDATE pdg_customer_merges SET undone_at = now(), undone_by = $3 WHERE tenant = $1 AND merge_id = $2",
            m.Tenant, m.MergeId, w.By));
        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return new(await GetAsync(m.Tenant, m.MergeId, ct), null) { Readdressed = readdressed };
    }

    /// <summary>The merge, with the absorbed customer's snapshot body; null when the tenant has no merge with that id.</summary>
    public async Task<MergeRecord?> GetAsync(string tenant, string mergeId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}, s.body FROM pdg_customer_merges m
            LEFT JOIN pdg_customer_snapshots s ON s.tenant = m.tenant AND s.customer_id = m.absorbed_id
            WHERE m.tenant = $1 AND m.merge_id = $2
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = mergeId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) with { AbsorbedSnapshot = reader.IsDBNull(16) ? null : reader.GetFieldValue<byte[]>(16) } : null;
    }

    /// <summary>The merges into <paramref name="customerId"/> and out of it (as the absorbed side), newest first, undone ones included.</summary>
    public async Task<List<MergeRecord>> ListAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM pdg_customer_merges m
            WHERE m.tenant = $1 AND (m.survivor_id = $2 OR m.absorbed_id = $2)
            ORDER BY m.merged_at DESC, m.merge_id
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var merges = new List<MergeRecord>();
        while (await reader.ReadAsync(ct)) merges.Add(Read(reader));
        return merges;
    }

    /// <summary>
    /// The customer each of <paramref name="customerIds"/> redirects to now (following merges of merges), for those that
    /// were merged into another; the others are absent. One query.
    /// </summary>
    public async Task<Dictionary<string, string>> SurvivorsAsync(string tenant, IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        var survivors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (customerIds.Count == 0) return survivors;
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE chain(start, id, depth) AS (
                SELECT q, q, 0 FROM unnest($2::text[]) AS q
                UNION ALL
                SELECT c.start, m.survivor_id, c.depth + 1 FROM chain c
                JOIN pdg_customer_merges m ON m.tenant = $1 AND m.absorbed_id = c.id AND m.undone_at IS NULL
                WHERE c.depth < 32)
            SELECT DISTINCT ON (start) start, id FROM chain WHERE depth > 0 ORDER BY start, depth DESC
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) survivors[reader.GetString(0)] = reader.GetString(1);
        return survivors;
    }

    private static MergeRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5),
        r.GetFieldValue<byte[]>(6), r.GetFieldValue<byte[]>(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
        r.GetInt64(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        [.. JsonDocument.Parse(r.GetString(12)).RootElement.EnumerateArray().Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("value").GetString()!))],
        r.GetInt32(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14), r.IsDBNull(15) ? null : r.GetString(15));

    /// <summary>A customer's snapshot, directory, owner and due-time rows as they are to be (no owner or due time: none).</summary>
    private static void AddCustomerRows(NpgsqlBatch batch, CustomerSnapshotRow snapshot, DirectoryRow directory, string? owner, DateTimeOffset? dueAt)
    {
        var (tenant, customerId) = (snapshot.Tenant, snapshot.CustomerId);
        batch.BatchCommands.Add(CustomerIndexStatements.Snapshots([snapshot]));
        batch.BatchCommands.Add(DirectoryStatements.Directory([directory]));
        batch.BatchCommands.Add(owner is null
            ? Statement("DELETE FROM pdg_customer_owners WHERE tenant = $1 AND customer_id = $2", tenant, customerId)
            : CustomerIndexStatements.Owners([new OwnerRow(tenant, customerId, owner)]));
        batch.BatchCommands.Add(dueAt is null
            ? CustomerIndexStatements.RemoveDue([new DueRow(tenant, customerId, null)])
            : CustomerIndexStatements.SetDue([new DueRow(tenant, customerId, dueAt)]));
    }

    private static object Nullable(DateTimeOffset? at) => at is { } t ? t.UtcDateTime : DBNull.Value;

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    private static async Task<object?[]> ScalarsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct, params object[] values)
    {
        await using var command = Command(connection, tx, sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return [];
        var row = new object?[reader.FieldCount];
        for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        return row;
    }
}
