using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>A tenant's journal retention and its pass (<c>pdg_journal_retention</c>, deploy/sql/0042).</summary>
/// <param name="Days">Days of events kept (by their <c>at</c>); null keeps every event.</param>
/// <param name="PassCutoff">Events before this are dropped by the current or last pass.</param>
/// <param name="PassCursor">The last customer id the current pass has done; null before its first page and once it finished.</param>
/// <param name="PassCustomers">Customers the pass has gone through (those with a snapshot).</param>
/// <param name="PassDropped">Events the pass has dropped.</param>
/// <param name="DroppedTotal">Events dropped by every pass of the tenant.</param>
public sealed record JournalRetentionRow(string Tenant, int? Days, DateTimeOffset UpdatedAt, DateTimeOffset? PassStartedAt, DateTimeOffset? PassCutoff,
    string? PassCursor, long PassCustomers, long PassDropped, DateTimeOffset? PassFinishedAt, long DroppedTotal);

/// <summary>What retention dropped of one customer's journal (<c>pdg_journal_dropped</c>).</summary>
/// <param name="OldestAt">The oldest <c>at</c> of the events dropped.</param>
/// <param name="NewestAt">The newest <c>at</c> of the events dropped: the journal holds nothing of the customer's before it.</param>
/// <param name="DroppedAt">When events were last dropped.</param>
public sealed record JournalDroppedRow(long Events, DateTimeOffset OldestAt, DateTimeOffset NewestAt, DateTimeOffset DroppedAt);

/// <summary>
/// Journal retention: each tenant's setting, and its passes, page by page. A page is one transaction that locks the
/// tenant's row (SKIP LOCKED: one node works on a tenant at a time, the others pass over it), deletes the journal
/// events before the pass's cutoff of the next customers in id order that a snapshot has folded in (<c>seq</c> at most
/// the snapshot's: a customer loads from the snapshot and the events after it, so it loads the same), adds them to
/// <c>pdg_journal_dropped</c>, and moves the pass's cursor and counts. A node killed mid-page leaves nothing of that
/// page; the next one resumes after the last committed customer, and no event is counted twice.
/// </summary>
public sealed class JournalRetention(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "tenant, days, updated_at, pass_started_at, pass_cutoff, pass_cursor, pass_customers, pass_dropped, pass_finished_at, dropped_total";

    private const string DropPage = """
        WITH page AS (
            SELECT customer_id, seq FROM pdg_customer_snapshots WHERE tenant = $1 AND customer_id > $2 ORDER BY customer_id LIMIT $3
        ), dropped AS (
            DELETE FROM pdg_event_journal j USING page p
            WHERE j.tenant = $1 AND j.customer_id = p.customer_id AND j.seq <= p.seq AND j.occurred_at < $4
            RETURNING j.customer_id, j.occurred_at
        ), recorded AS ( -- runs whether or not the query below reads it, as every data-modifying WITH does
            INSERT INTO pdg_journal_dropped AS d (tenant, customer_id, events, oldest_at, newest_at, dropped_at)
            SELECT $1, customer_id, count(*), min(occurred_at), max(occurred_at), now() FROM dropped GROUP BY customer_id
            ON CONFLICT (tenant, customer_id) DO UPDATE SET events = d.events + excluded.events, oldest_at = least(d.oldest_at, excluded.oldest_at),
                newest_at = greatest(d.newest_at, excluded.newest_at), dropped_at = excluded.dropped_at
        )
        SELECT (SELECT count(*) FROM page), (SELECT max(customer_id) FROM page), (SELECT count(*) FROM dropped)
        """;

    public async Task<JournalRetentionRow?> GetAsync(string tenant, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_journal_retention WHERE tenant = $1");
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Sets the tenant's retention (null: keep every event). A pass under way goes on with its cutoff; none starts while it is null.</summary>
    public async Task<JournalRetentionRow> PutAsync(string tenant, int? days, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO pdg_journal_retention (tenant, days) VALUES ($1, $2)
            ON CONFLICT (tenant) DO UPDATE SET days = excluded.days, updated_at = now()
            RETURNING {Columns}
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = (object?)days ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>
    /// Tenants with work: a pass under way, or retention set, its last change older than <paramref name="settle"/> (so every
    /// node refuses events before the cutoff before any is dropped) and no pass finished within <paramref name="every"/>.
    /// </summary>
    public async Task<List<string>> DueAsync(TimeSpan every, TimeSpan settle, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT tenant FROM pdg_journal_retention
            WHERE (pass_started_at IS NOT NULL AND pass_finished_at IS NULL)
               OR (days IS NOT NULL AND updated_at < now() - $2 AND (pass_finished_at IS NULL OR pass_finished_at < now() - $1))
            ORDER BY tenant
            """);
        command.Parameters.Add(new() { Value = every });
        command.Parameters.Add(new() { Value = settle });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tenants = new List<string>();
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));
        return tenants;
    }

    /// <summary>
    /// One page of the tenant's pass, starting a pass (cutoff: now minus its days) when none is under way and the last
    /// finished more than <paramref name="every"/> ago. Returns the row after the page; null when another node holds the
    /// tenant, retention is off with no pass under way, or no pass is due.
    /// </summary>
    public async Task<JournalRetentionRow?> RunPageAsync(string tenant, int pageSize, TimeSpan every, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        JournalRetentionRow? row;
        await using (var locking = new NpgsqlCommand($"SELECT {Columns} FROM pdg_journal_retention WHERE tenant = $1 FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            locking.Parameters.Add(new() { Value = tenant });
            await using var reader = await locking.ExecuteReaderAsync(ct);
            row = await reader.ReadAsync(ct) ? Read(reader) : null;
        }
        if (row is null) return null;
        if (row.PassStartedAt is null || row.PassFinishedAt is not null)
        {
            if (row.Days is null) return null;
            await using var start = new NpgsqlCommand($"""
                UPDATE pdg_journal_retention SET pass_started_at = now(), pass_cutoff = now() - make_interval(days => days), pass_cursor = NULL,
                    pass_customers = 0, pass_dropped = 0, pass_finished_at = NULL
                WHERE tenant = $1 AND (pass_finished_at IS NULL OR pass_finished_at < now() - $2)
                RETURNING {Columns}
                """, connection, transaction);
            start.Parameters.Add(new() { Value = tenant });
            start.Parameters.Add(new() { Value = every });
            await using var reader = await start.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            row = Read(reader);
        }

        long customers, dropped;
        string? last;
        await using (var drop = new NpgsqlCommand(DropPage, connection, transaction))
        {
            drop.Parameters.Add(new() { Value = tenant });
            drop.Parameters.Add(new() { Value = row.PassCursor ?? "" });
            drop.Parameters.Add(new() { Value = pageSize });
            drop.Parameters.Add(new() { Value = row.PassCutoff!.Value });
            await using var reader = await drop.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (customers, last, dropped) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }

        await using var advance = new NpgsqlCommand($"""
            UPDATE pdg_journal_retention SET pass_cursor = CASE WHEN $2 THEN NULL ELSE $3 END, pass_customers = pass_customers + $4,
                pass_dropped = pass_dropped + $5, dropped_total = dropped_total + $5, pass_finished_at = CASE WHEN $2 THEN now() END
            WHERE tenant = $1
            RETURNING {Columns}
            """, connection, transaction);
        advance.Parameters.Add(new() { Value = tenant });
        advance.Parameters.Add(new() { Value = customers < pageSize });
        advance.Parameters.Add(new() { Value = (object?)last ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        advance.Parameters.Add(new() { Value = customers });
        advance.Parameters.Add(new() { Value = dropped });
        JournalRetentionRow after;
        await using (var reader = await advance.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            after = Read(reader);
        }
        await transaction.CommitAsync(ct);
        return after;
    }

    /// <summary>What retention dropped of the customer's journal; null when nothing was.</summary>
    public async Task<JournalDroppedRow?> DroppedAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT events, oldest_at, newest_at, dropped_at FROM pdg_journal_dropped WHERE tenant = $1 AND customer_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new JournalDroppedRow(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    private static JournalRetentionRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetFieldValue<DateTimeOffset>(2),
        Time(r, 3), Time(r, 4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInt64(6), r.GetInt64(7), Time(r, 8), r.GetInt64(9));

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
