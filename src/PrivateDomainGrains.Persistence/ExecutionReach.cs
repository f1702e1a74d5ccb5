using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Customers reached, exact over any period in one indexed read (<c>deploy/sql/0051_execution_reach.sql</c>). A customer
/// is reached by a group (the tenant, a staff member, a rule, a variant, a team, a day) in a period when at least one
/// nudge of that group raised in the period was acted on: Done in the console or done by the owner's own observed action,
/// the nudges whose replies and orders the attribution rule credits. The closing statement appends each such nudge to
/// <c>pdg_execution_reach_pending</c>; the fold (<see cref="FoldCommand"/>, run by <see cref="ExecutionRollups.FoldAsync"/>
/// about every second) keeps each customer's reached days per staff member, source and variant (<c>pdg_execution_reach</c>)
/// and, per level and group, how many customers reached on a day had last been reached on an earlier day
/// (<c>pdg_execution_reached</c>, its <c>since</c>): the customers reached from <c>from</c> to <c>to</c> are those
/// rows of the days in the period with <c>since</c> before <c>from</c>, each customer once (the first day it was reached in
/// the period). Teams and a manager's view add their staff members' figures and take off the customers two of them both
/// reached, read from <c>pdg_execution_reach_shared</c> (<see cref="ReadSharedAsync"/>). Reads add the reaches not folded
/// yet, so they are exact at any moment, as the rollups' are.
/// </summary>
public sealed class ExecutionReach(NpgsqlDataSource dataSource)
{
    /// <summary>The furthest back a <c>since</c> is kept: a report covers at most this many days (<c>ReportsApi.MaxDays</c>), so an older previous reach is before any period's start.</summary>
    public const int MaxDays = 366;

    /// <summary>Levels of <c>pdg_execution_reached</c>: which of staff member, source and variant each keeps ('' for the others).</summary>
    private static readonly (string Level, bool Staff, bool Source, bool Variant)[] Levels =
    [
        (ReachLevel.Tenant, false, false, false), (ReachLevel.Staff, true, false, false), (ReachLevel.Rule, false, true, false),
        (ReachLevel.Variant, false, true, true), (ReachLevel.StaffRule, true, true, false), (ReachLevel.StaffVariant, true, true, true),
    ];

    // All CTEs read one snapshot: `old` is each affected customer's reaches before this batch, `fresh` what it adds.
    // Each level's previous-day pairs are computed before (sign -1) and after (+1) and the difference added, so a reach
    // of a day before the customer's latest (a nudge acted on late) re-links the next day's pair as well.
    private static readonly string Fold = $"""
        WITH taken AS (
            DELETE FROM pdg_execution_reach_pending WHERE id IN (SELECT id FROM pdg_execution_reach_pending ORDER BY id LIMIT $1)
            RETURNING tenant, customer_id, staff_id, source, variant, day),
        fresh AS (
            SELECT DISTINCT t.tenant, t.customer_id, t.staff_id, t.source, t.variant, t.day FROM taken t
            WHERE NOT EXISTS (SELECT 1 FROM pdg_execution_reach r WHERE r.tenant = t.tenant AND r.customer_id = t.customer_id
                AND r.staff_id = t.staff_id AND r.source = t.source AND r.variant = t.variant AND r.day = t.day)),
        inserted AS (
            INSERT INTO pdg_execution_reach (tenant, customer_id, staff_id, source, variant, day)
            SELECT * FROM fresh ORDER BY 1, 2, 3, 4, 5, 6),
        old AS (
            SELECT r.tenant, r.customer_id, r.staff_id, r.source, r.variant, r.day FROM pdg_execution_reach r
            WHERE (r.tenant, r.customer_id) IN (SELECT DISTINCT tenant, customer_id FROM fresh)),
        shared AS (
            INSERT INTO pdg_execution_reach_shared (tenant, customer_id)
            SELECT tenant, customer_id FROM (SELECT * FROM old UNION ALL SELECT * FROM fresh) a
            GROUP BY tenant, customer_id HAVING count(DISTINCT staff_id) > 1
            ON CONFLICT DO NOTHING),
        states AS (
            SELECT DISTINCT r.after, r.tenant, r.customer_id, l.level, l.staff_id, l.source, l.variant, r.day
            FROM (SELECT false AS after, * FROM old UNION ALL SELECT true, * FROM old UNION ALL SELECT true, * FROM fresh) r
            CROSS JOIN LATERAL (VALUES {string.Join(", ", Levels.Select(l =>
                $"('{l.Level}', {(l.Staff ? "r.staff_id" : "''")}, {(l.Source ? "r.source" : "''")}, {(l.Variant ? "r.variant" : "''")})"))})
                AS l(level, staff_id, source, variant)),
        pairs AS (
            SELECT CASE WHEN after THEN 1 ELSE -1 END AS sign, tenant, level, staff_id, source, variant, day,
                greatest(lag(day) OVER (PARTITION BY after, tenant, customer_id, level, staff_id, source, variant ORDER BY day), day - {MaxDays}) AS since
            FROM states),
        changed AS (
            INSERT INTO pdg_execution_reached AS t (tenant, level, day, since, staff_id, source, variant, customers)
            SELECT tenant, level, day, since, staff_id, source, variant, sum(sign) FROM pairs
            GROUP BY tenant, level, day, since, staff_id, source, variant HAVING sum(sign) <> 0
            ORDER BY 1, 2, 3, 4, 5, 6, 7
            ON CONFLICT (tenant, level, day, since, staff_id, source, variant) DO UPDATE SET customers = t.customers + excluded.customers)
        SELECT count(*) FROM taken
        """;

    /// <summary>
    /// One batch of the fold: takes up to <paramref name="batch"/> pending reaches (oldest first) and adds them to the
    /// customers reached; returns one row, how many it took. Run by <see cref="ExecutionRollups.FoldAsync"/> under its
    /// lock, so no two folds change the same rows.
    /// </summary>
    public static NpgsqlCommand FoldCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, int batch) =>
        new(Fold, connection, transaction) { Parameters = { new() { Value = batch } } };

    /// <summary>
    /// The first raised day whose customers reached are kept (<c>pdg_execution_reach_retention</c>,
    /// <c>deploy/sql/0059_execution_reach_retention.sql</c>); null while every day is. A period starting before it
    /// cannot be counted: its earlier days' reaches were dropped.
    /// </summary>
    public async Task<DateOnly?> KeptFromAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT kept_from FROM pdg_execution_reach_retention");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetFieldValue<DateOnly>(0) : null;
    }

    /// <summary>
    /// Records <paramref name="before"/> as the first raised day whose customers reached are kept (never earlier than
    /// one recorded before), before <see cref="DropBeforeAsync"/> drops the earlier ones: from then on a report over a
    /// period starting earlier says it cannot count it.
    /// </summary>
    public async Task KeepFromAsync(DateOnly before, CancellationToken ct = default)
    {
        await using var keep = dataSource.CreateCommand("""
            INSERT INTO pdg_execution_reach_retention (id, kept_from) VALUES (true, $1)
            ON CONFLICT (id) DO UPDATE SET kept_from = greatest(pdg_execution_reach_retention.kept_from, excluded.kept_from), pruned_at = now()
            """);
        keep.Parameters.Add(new() { Value = before });
        await keep.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Drops the customers reached of the raised days before <paramref name="before"/> (recorded first with
    /// <see cref="KeepFromAsync"/>), every tenant's, <paramref name="batch"/> rows per transaction, each under the fold's
    /// lock (<see cref="ExecutionRollups.FoldAsync"/> skips a round rather than wait), and forgets the customers shared by
    /// staff members once none of their reaches are left. A period from <paramref name="before"/> on counts as before:
    /// a kept row's <c>since</c>, whatever dropped day it names, is before that period's start. Returns the rows deleted.
    /// </summary>
    public async Task<long> DropBeforeAsync(DateOnly before, int batch, CancellationToken ct = default)
    {
        long deleted = 0;
        while (true)
        {
            var rows = await UnderFoldLockAsync(
                "DELETE FROM pdg_execution_reach WHERE ctid = ANY(ARRAY(SELECT ctid FROM pdg_execution_reach WHERE day < $1 LIMIT $2))", ct, before, batch);
            deleted += rows;
            if (rows < batch) break;
        }
        // pdg_execution_reached is keyed by tenant and level before day: each tenant's (a loose index scan finds them) level by level.
        foreach (var tenant in await ReachedTenantsAsync(ct))
        {
            foreach (var (level, _, _, _) in Levels)
            {
                while (true)
                {
                    var rows = await UnderFoldLockAsync($"""
                        DELETE FROM pdg_execution_reached WHERE ctid = ANY(ARRAY(
                            SELECT ctid FROM pdg_execution_reached WHERE tenant = $3 AND level = '{level}' AND day < $1 LIMIT $2))
                        """, ct, before, batch, tenant);
                    deleted += rows;
                    if (rows < batch) break;
                }
            }
        }
        return deleted + await UnderFoldLockAsync("""
            DELETE FROM pdg_execution_reach_shared s
            WHERE NOT EXISTS (SELECT 1 FROM pdg_execution_reach r WHERE r.tenant = s.tenant AND r.customer_id = s.customer_id)
            """, ct);
    }

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> ($1, $2...) in a transaction of its own holding the fold's lock; returns the rows it changed.</summary>
    private async Task<long> UnderFoldLockAsync(string sql, CancellationToken ct, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var locked = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ExecutionRollups.FoldLockKey})", connection, transaction))
            await locked.ExecuteNonQueryAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in parameters) command.Parameters.Add(new() { Value = value });
        var rows = await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>The tenants with rows in <c>pdg_execution_reached</c>, one index probe each (its key starts with the tenant).</summary>
    private async Task<List<string>> ReachedTenantsAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE t AS (
                SELECT min(tenant) AS tenant FROM pdg_execution_reached
                UNION ALL
                SELECT (SELECT min(r.tenant) FROM pdg_execution_reached r WHERE r.tenant > t.tenant) FROM t WHERE t.tenant IS NOT NULL)
            SELECT tenant FROM t WHERE tenant IS NOT NULL
            """);
        var tenants = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetString(0));
        return tenants;
    }

    /// <summary>
    /// The customers reached from <paramref name="from"/> to <paramref name="to"/> per group of <paramref name="level"/>
    /// (a <see cref="ReachLevel"/>), of <paramref name="staffIds"/> (null: everyone; only levels keeping the staff member
    /// can be limited), each customer once per group over the whole period; <paramref name="perDay"/>: per raised day
    /// instead (the customers reached that day), with <see cref="ReachedRow.Day"/> set. Dimensions the level does not
    /// keep are "". Exact at any moment: the reaches not folded yet count too, each customer the fold has not already
    /// counted in that group and period (or day) once.
    /// </summary>
    public async Task<List<ReachedRow>> ReadAsync(string tenant, DateOnly from, DateOnly to, string level, bool perDay,
        IReadOnlyCollection<string>? staffIds, CancellationToken ct = default)
    {
        var (_, staff, source, variant) = Levels.Single(l => l.Level == level);
        string Kept(bool kept, string column) => kept ? column : "''";
        await using var command = dataSource.CreateCommand($"""
            WITH pending AS (
                SELECT DISTINCT customer_id, {Kept(staff, "staff_id")} AS staff_id, {Kept(source, "source")} AS source,
                    {Kept(variant, "variant")} AS variant, {(perDay ? "day" : "$2::date")} AS day
                FROM pdg_execution_reach_pending
                WHERE tenant = $1 AND day BETWEEN $2 AND $3 AND ($4::text[] IS NULL OR staff_id = ANY($4)))
            SELECT day, staff_id, source, variant, sum(customers)::bigint FROM (
                SELECT {(perDay ? "day" : "$2::date")} AS day, staff_id, source, variant, customers FROM pdg_execution_reached
                WHERE tenant = $1 AND level = $5 AND day BETWEEN $2 AND $3 {(perDay ? "" : "AND since < $2")}
                  AND ($4::text[] IS NULL OR staff_id = ANY($4))
                UNION ALL
                SELECT p.day, p.staff_id, p.source, p.variant, 1 FROM pending p
                WHERE NOT EXISTS (SELECT 1 FROM pdg_execution_reach r WHERE r.tenant = $1 AND r.customer_id = p.customer_id
                    {(staff ? "AND r.staff_id = p.staff_id" : "")} {(source ? "AND r.source = p.source" : "")} {(variant ? "AND r.variant = p.variant" : "")}
                    AND r.day BETWEEN {(perDay ? "p.day AND p.day" : "$2 AND $3")})) reached
            GROUP BY 1, 2, 3, 4
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = level });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<ReachedRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new ReachedRow(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
        return rows;
    }

    /// <summary>
    /// The reaches from <paramref name="from"/> to <paramref name="to"/> of the customers more than one staff member has
    /// reached (handed-over customers, and those a nudge addressed to someone else than their owner reached), by
    /// <paramref name="staffIds"/> (null: everyone): what a sum over staff members counts more than once. The reaches
    /// not folded yet count too, as in <see cref="ReadAsync"/>; a reach may come back twice.
    /// </summary>
    public async Task<List<SharedReach>> ReadSharedAsync(string tenant, DateOnly from, DateOnly to, IReadOnlyCollection<string>? staffIds,
        CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH pending AS (
                SELECT customer_id, staff_id, source, variant, day FROM pdg_execution_reach_pending WHERE tenant = $1),
            shared AS (
                SELECT customer_id FROM pdg_execution_reach_shared WHERE tenant = $1
                UNION
                SELECT customer_id FROM (
                    SELECT customer_id, staff_id FROM pending
                    UNION SELECT r.customer_id, r.staff_id FROM pdg_execution_reach r
                    WHERE r.tenant = $1 AND r.customer_id IN (SELECT customer_id FROM pending)) a
                GROUP BY customer_id HAVING count(DISTINCT staff_id) > 1)
            SELECT customer_id, staff_id, source, variant, day FROM (
                SELECT r.customer_id, r.staff_id, r.source, r.variant, r.day FROM pdg_execution_reach r
                WHERE r.tenant = $1 AND r.customer_id IN (SELECT customer_id FROM shared)
                UNION ALL
                SELECT * FROM pending WHERE customer_id IN (SELECT customer_id FROM shared)) reaches
            WHERE day BETWEEN $2 AND $3 AND ($4::text[] IS NULL OR staff_id = ANY($4))
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<SharedReach>();
        while (await reader.ReadAsync(ct))
            rows.Add(new SharedReach(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4)));
        return rows;
    }
}

/// <summary>The levels of the customers reached: which groups each counts distinct customers in.</summary>
public static class ReachLevel
{
    public const string Tenant = "tenant";
    public const string Staff = "staff";
    public const string Rule = "rule";
    public const string Variant = "variant";
    public const string StaffRule = "staff-rule";
    public const string StaffVariant = "staff-variant";
}

/// <summary>Customers reached in one group (and day, when read per day; else the period's first day).</summary>
public sealed record ReachedRow(DateOnly Day, string StaffId, string Source, string Variant, long Customers);

/// <summary>A customer reached by a staff member with a nudge of a source and variant raised on a day.</summary>
public sealed record SharedReach(string CustomerId, string StaffId, string Source, string Variant, DateOnly Day);
