using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// When each customer next needs waking, in <c>pdg_due</c>: one row per customer with something pending, instead of
/// one Orleans reminder per customer. Customers write their row through group commit (with the rest of their
/// writes); scheduler shards claim due rows of their buckets. A claim leases the row, so a wake that fails is retried
/// once the lease expires, and the customer's next write (new due time or removal) ends the lease.
/// </summary>
public sealed class DueIndex(NpgsqlDataSource dataSource)
{
    // No ORDER BY: sorting every due row of the shard on each claim costs more than it buys; the planner walks the
    // (bucket, due_at) index while few rows are due and the table while most are, and the scheduler keeps claiming
    // until nothing is due. The update finds the locked rows by ctid (they cannot move while locked).
    private const string Claim = """
        WITH claimable AS (
            SELECT ctid FROM pdg_due
            WHERE bucket = ANY($1) AND due_at <= $2 AND (leased_until IS NULL OR leased_until <= $2)
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        UPDATE pdg_due d SET leased_until = $4
        FROM claimable c
        WHERE d.ctid = c.ctid
        RETURNING d.tenant, d.customer_id, d.due_at
        """;

    /// <summary>
    /// Leases up to <paramref name="limit"/> rows of <paramref name="buckets"/> due at <paramref name="now"/> and not
    /// leased by anyone else until <paramref name="now"/> + <paramref name="lease"/>. Concurrent claimers never
    /// receive the same row: rows locked by another claim are skipped.
    /// </summary>
    public async Task<IReadOnlyList<DueClaim>> ClaimAsync(short[] buckets, DateTimeOffset now, int limit, TimeSpan lease, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new() { Value = buckets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = (now + lease).UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claims = new List<DueClaim>();
        while (await reader.ReadAsync(ct))
            claims.Add(new DueClaim(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero)));
        return claims;
    }

    /// <summary>Rows of <paramref name="buckets"/> due at <paramref name="now"/>, leased or not: the scheduler's backlog.</summary>
    public async Task<long> CountDueAsync(short[] buckets, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pdg_due WHERE bucket = ANY($1) AND due_at <= $2");
        command.Parameters.Add(new() { Value = buckets, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        command.Parameters.Add(new() { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The customer's due time, or null if it has no entry.</summary>
    public async Task<DateTimeOffset?> ReadDueAtAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT due_at FROM pdg_due WHERE tenant = $1 AND customer_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        return await command.ExecuteScalarAsync(ct) is DateTime dueAt ? new DateTimeOffset(dueAt, TimeSpan.Zero) : null;
    }
}
