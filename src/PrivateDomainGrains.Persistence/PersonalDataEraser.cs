using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Erases one customer's personal data (China's PIPL art. 47, GDPR art. 17) in one transaction: its journal, snapshot,
/// nudges (open and closed), due time, owner and directory rows, timeline changes, its identities (phone, unionid...) and
/// the pending events that were attached to it or name one of its identities, and the WeCom callbacks that named it as the external contact (the
/// customer id is its ExternalUserID), and its rows in tag jobs (the job's counts stay), and what journal retention dropped of it. What stays: rollups (counts per staff member and
/// day, no customer in them), the audit log (append-only; it records the erasure), a row in
/// <c>pdg_customer_erasures</c> saying when, by which later events for the customer are refused, and the SHA-256 of each
/// identity it held in <c>pdg_identity_erasures</c>, by which later events naming one of them are refused too.
/// <para>Merges (issue 14) are the same person: erasing a customer erases the customers merged into it (their ids and
/// what storage keeps of them, such as their snapshot from before the merge) and every merge row naming any of them
/// (which keep the profile before and after), and refuses later events for every one of those ids.</para>
/// <para>Called by the customer's own grain, inside its turn, so no write of that customer races it.</para>
/// </summary>
public sealed class PersonalDataEraser(NpgsqlDataSource dataSource)
{
    /// <summary>The tables erased, and the column that names the customer in each.</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> Tables =
    [
        ("pdg_event_journal", "customer_id"), ("pdg_customer_snapshots", "customer_id"), ("pdg_due", "customer_id"),
        ("pdg_customer_owners", "customer_id"), ("pdg_customer_directory", "customer_id"), ("pdg_customer_changes", "customer_id"),
        ("pdg_identities", "customer_id"), ("pdg_identity_pending", "customer_id"), ("pdg_wecom_callbacks", "external_user_id"),
        ("pdg_tag_job_rows", "customer_id"), ("pdg_journal_dropped", "customer_id"), ("pdg_identity_import_rows", "customer_id"),
        ("pdg_execution_reach", "customer_id"), ("pdg_execution_reach_shared", "customer_id"), ("pdg_execution_reach_pending", "customer_id"),
    ];

    /// <summary>SQL for the stored hash of an erased identity: SHA-256 of <c>kind=value</c> (<see cref="Core.Identity.CustomerIdentity.Key"/>), from the columns of <paramref name="alias"/>.</summary>
    public static string IdentityHash(string alias) => $"sha256(convert_to({alias}.kind || '=' || {alias}.value, 'UTF8'))";

    /// <summary>Deletes every row of the customer and records the erasure; rows deleted per table, and the nudges that were open.</summary>
    public async Task<ErasedRows> EraseAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        string[] ids = [customerId, .. await MergedIntoAsync(connection, transaction, tenant, customerId, ct)];
        await using var batch = new NpgsqlBatch(connection, transaction);
        // First the nudges, whose open ones the consoles must drop; then the rest, counted.
        batch.BatchCommands.Add(Command("DELETE FROM pdg_nudges WHERE tenant = $1 AND customer_id = ANY($2) RETURNING nudge_id, staff_id, acked_at IS NULL", tenant, ids));
        // The tombstone covers the customers' identities: hashed before they are deleted.
        batch.BatchCommands.Add(Command($"""
            INSERT INTO pdg_identity_erasures (tenant, identity_hash) SELECT tenant, {IdentityHash("i")} FROM pdg_identities i
            WHERE tenant = $1 AND customer_id = ANY($2)
            ON CONFLICT (tenant, identity_hash) DO UPDATE SET erased_at = now()
            """, tenant, ids));
        // Events of the pending pool that name one of their identities are the person's too, attached to them or not.
        batch.BatchCommands.Add(Command("""
            DELETE FROM pdg_identity_pending p WHERE p.tenant = $1 AND (p.customer_id IS NULL OR NOT p.customer_id = ANY($2))
            AND p.identity_keys && ARRAY(SELECT i.kind || '=' || i.value FROM pdg_identities i WHERE i.tenant = $1 AND i.customer_id = ANY($2))
            """, tenant, ids));
        foreach (var (table, column) in Tables) batch.BatchCommands.Add(Command($"DELETE FROM {table} WHERE tenant = $1 AND {column} = ANY($2)", tenant, ids));
        batch.BatchCommands.Add(Command("DELETE FROM pdg_customer_merges WHERE tenant = $1 AND (survivor_id = ANY($2) OR absorbed_id = ANY($2))", tenant, ids));
        batch.BatchCommands.Add(Command("""
            INSERT INTO pdg_customer_erasures (tenant, customer_id) SELECT $1, unnest($2::text[])
            ON CONFLICT (tenant, customer_id) DO UPDATE SET erased_at = now() RETURNING erased_at
            """, tenant, ids));

        var open = new List<(string NudgeId, string StaffId)>();
        var nudges = 0;
        DateTimeOffset erasedAt;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                nudges++;
                if (reader.GetBoolean(2)) open.Add((reader.GetString(0), reader.GetString(1)));
            }
            // The DELETEs return no rows; the last statement returns the time of the erasure.
            while (await reader.NextResultAsync(ct) && !reader.HasRows) { }
            await reader.ReadAsync(ct);
            erasedAt = new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero);
        }
        await transaction.CommitAsync(ct);

        var rows = new Dictionary<string, int>(StringComparer.Ordinal) { ["pdg_nudges"] = nudges };
        for (var i = 0; i < Tables.Count; i++) rows[Tables[i].Table] = batch.BatchCommands[i + 3].RecordsAffected;
        rows["pdg_identity_pending"] += batch.BatchCommands[2].RecordsAffected;
        rows["pdg_customer_merges"] = batch.BatchCommands[Tables.Count + 3].RecordsAffected;
        return new ErasedRows(erasedAt, rows, open);
    }

    /// <summary>The customers merged into <paramref name="customerId"/> and not split off again, and those merged into them, and so on.</summary>
    private static async Task<List<string>> MergedIntoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string customerId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE absorbed(id) AS (
                SELECT absorbed_id FROM pdg_customer_merges WHERE tenant = $1 AND survivor_id = $2 AND undone_at IS NULL
                UNION
                SELECT m.absorbed_id FROM pdg_customer_merges m JOIN absorbed a ON m.survivor_id = a.id WHERE m.tenant = $1 AND m.undone_at IS NULL)
            SELECT id FROM absorbed
            """, connection, transaction) { Parameters = { new() { Value = tenant }, new() { Value = customerId } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }

    private static NpgsqlBatchCommand Command(string sql, string tenant, string[] customerIds) =>
        new(sql) { Parameters = { new() { Value = tenant }, new() { Value = customerIds } } };
}

/// <param name="ErasedAt">When the erasure committed.</param>
/// <param name="Rows">Rows deleted, by table.</param>
/// <param name="OpenNudges">The customer's nudges that were open, to be taken off their staff members' consoles.</param>
public sealed record ErasedRows(DateTimeOffset ErasedAt, IReadOnlyDictionary<string, int> Rows, IReadOnlyList<(string NudgeId, string StaffId)> OpenNudges);
