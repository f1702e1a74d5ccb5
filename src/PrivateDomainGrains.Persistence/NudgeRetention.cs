using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Deletes closed nudges past their retention (<c>deploy/sql/0060_nudge_retention.sql</c>). Open nudges are never
/// deleted. The execution reports read the rollups and never these rows, so a report answers the same figures after its
/// nudges are gone; the customer's timeline and personal-data export no longer list them.
/// </summary>
public sealed class NudgeRetention(NpgsqlDataSource dataSource)
{
    // A batch: the next closed nudges before the cutoff in (acked_at, nudge_id) order after the cursor, locked without
    // waiting (a flush changing one keeps it until the next pass, and the pass never holds a flush's locks in another
    // order while waiting), and of those the ones whose customer's snapshot was saved after the close: the snapshot
    // holds the event that raised the nudge, so a replay of the journal after it cannot raise the nudge again.
    private const string Drop = """
        WITH candidates AS (
            SELECT tenant, nudge_id, customer_id, acked_at FROM pdg_nudges
            WHERE tenant = $1 AND acked_at IS NOT NULL AND acked_at < $2 AND (acked_at, nudge_id) > ($3, $4)
            ORDER BY acked_at, nudge_id LIMIT $5
            FOR UPDATE SKIP LOCKED),
        dropped AS (
            DELETE FROM pdg_nudges n USING candidates c, pdg_customer_snapshots s
            WHERE n.tenant = c.tenant AND n.nudge_id = c.nudge_id
              AND s.tenant = c.tenant AND s.customer_id = c.customer_id AND s.saved_at > c.acked_at
            RETURNING 1),
        last AS (SELECT acked_at, nudge_id FROM candidates ORDER BY acked_at DESC, nudge_id DESC LIMIT 1)
        SELECT (SELECT count(*) FROM candidates), (SELECT count(*) FROM dropped), (SELECT acked_at FROM last), (SELECT nudge_id FROM last)
        """;

    /// <summary>The tenants with closed nudges, one probe of <c>pdg_nudges_closed_by_age</c> each (its key starts with the tenant).</summary>
    public async Task<List<string>> TenantsAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE t AS (
                SELECT min(tenant) AS tenant FROM pdg_nudges WHERE acked_at IS NOT NULL
                UNION ALL
                SELECT (SELECT min(n.tenant) FROM pdg_nudges n WHERE n.tenant > t.tenant AND n.acked_at IS NOT NULL) FROM t WHERE t.tenant IS NOT NULL)
            SELECT tenant FROM t WHERE tenant IS NOT NULL
            """);
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));
        return tenants;
    }

    /// <summary>
    /// Deletes the tenant's nudges closed before <paramref name="before"/> whose customer has a snapshot saved since,
    /// going through at most <paramref name="batch"/> closed nudges per transaction; returns the nudges deleted. One
    /// skipped (no snapshot since, or a flush changing it) stays until a later pass.
    /// </summary>
    public async Task<long> DropClosedBeforeAsync(string tenant, DateTimeOffset before, int batch, CancellationToken ct = default)
    {
        long deleted = 0;
        var after = (At: DateTimeOffset.UnixEpoch, NudgeId: "");
        while (true)
        {
            await using var command = dataSource.CreateCommand(Drop);
            command.Parameters.Add(new() { Value = tenant });
            command.Parameters.Add(new() { Value = before.UtcDateTime });
            command.Parameters.Add(new() { Value = after.At.UtcDateTime });
            command.Parameters.Add(new() { Value = after.NudgeId });
            command.Parameters.Add(new() { Value = batch });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var candidates = reader.GetInt64(0);
            deleted += reader.GetInt64(1);
            if (candidates < batch) return deleted;
            after = (new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetString(3));
        }
    }
}
