using Npgsql;
using PrivateDomainGrains.Core.Execution;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The execution rollups (<c>pdg_execution_daily</c>, <c>pdg_execution_revenue</c>): nudges raised, delivered, opened,
/// done, not useful, done by action, expired, obsolete, held out, how fast they were done, and the replies, orders and
/// revenue credited, per tenant, raised day, staff member, source and variant; and the same pre-summed per the levels a
/// tenant-wide report reads (<c>pdg_execution_levels</c>, <c>pdg_execution_level_revenue</c>: per day and staff member,
/// per day, source and variant, per day; <c>deploy/sql/0051_execution_reach.sql</c>). Lifecycle facts append deltas in
/// their own transaction (see <c>NudgeStatements</c>); <see cref="FoldAsync"/> moves them into every level in batches,
/// each batch one statement, and folds the customers reached (<see cref="ExecutionReach"/>) in the same transaction.
/// Reports (<see cref="ReadAsync"/>) add the deltas not folded yet: they are exact at any moment and never read
/// the nudge table.
/// </summary>
public sealed class ExecutionRollups(NpgsqlDataSource dataSource)
{
    /// <summary>The counters of a rollup row, in column order; act_b0.. count the time-to-done buckets of <see cref="ExecutionCounts.ActBucketBounds"/>.</summary>
    public static readonly string[] Counters =
    [
        "raised", "delivered", "opened", "done", "not_useful", "done_by_action", "expired", "obsolete", "holdout",
        "replies", "orders", "itt_replies", "itt_orders", .. Enumerable.Range(0, ExecutionCounts.ActBucketBounds.Length + 1).Select(i => "act_b" + i),
    ];

    private const int FoldBatch = 20_000;

    /// <summary>
    /// Pending reaches one fold statement takes: each reads every earlier reach of its customers, so it costs more than a
    /// delta. After 0051 queued a reach per nudge ever acted on, 20,000 at once ran past the default 30 s command timeout
    /// (1,000,000 nudges, load average ~75), rolled back, and the fold started over with the same batch every second.
    /// </summary>
    private const int ReachFoldBatch = 5_000;

    /// <summary>A batch that takes long (a backlog, a busy database) finishes rather than rolling back and being tried again for ever.</summary>
    private const int FoldTimeoutSeconds = 600;

    /// <summary>The transaction-scoped advisory lock one fold holds ("PDEX"); the pass dropping old customers reached takes it too (<see cref="ExecutionReach.DropBeforeAsync"/>).</summary>
    internal const long FoldLockKey = 0x5044_4558;

    /// <summary>The pre-summed levels (<c>pdg_execution_levels.level</c>) and the grouping set of each, in the order of <see cref="LevelSets"/>.</summary>
    private const string LevelOf = "CASE WHEN GROUPING(staff_id) = 0 THEN 'staff' WHEN GROUPING(source) = 0 THEN 'variant' ELSE 'day' END";

    private static string KeptOr(string column) => $"coalesce(CASE WHEN GROUPING({column}) = 0 THEN {column} END, '')";

    private static string LevelSets(string extra) => $"GROUPING SETS ((tenant, day, staff_id{extra}), (tenant, day, source, variant{extra}), (tenant, day{extra}))";

    private static readonly string CountSums = string.Join(", ", Counters.Select(c => $"coalesce(sum(amount) FILTER (WHERE metric = '{c}'), 0)"));

    private static readonly string Fold = $"""
        WITH taken AS (
            DELETE FROM pdg_execution_deltas WHERE id IN (SELECT id FROM pdg_execution_deltas ORDER BY id LIMIT $1)
            RETURNING tenant, day, staff_id, source, variant, metric, amount, currency),
        counts AS (
            INSERT INTO pdg_execution_daily (tenant, day, staff_id, source, variant, {string.Join(", ", Counters)})
            SELECT tenant, day, staff_id, source, variant, {CountSums}
            FROM taken WHERE metric NOT IN ('revenue', 'itt_revenue')
            GROUP BY tenant, day, staff_id, source, variant
            ON CONFLICT (tenant, day, staff_id, source, variant) DO UPDATE SET
                {string.Join(", ", Counters.Select(c => $"{c} = pdg_execution_daily.{c} + excluded.{c}"))}),
        level_counts AS (
            INSERT INTO pdg_execution_levels (level, tenant, day, staff_id, source, variant, {string.Join(", ", Counters)})
            SELECT {LevelOf}, tenant, day, {KeptOr("staff_id")}, {KeptOr("source")}, {KeptOr("variant")}, {CountSums}
            FROM taken WHERE metric NOT IN ('revenue', 'itt_revenue')
            GROUP BY {LevelSets("")}
            ON CONFLICT (tenant, level, day, staff_id, source, variant) DO UPDATE SET
                {string.Join(", ", Counters.Select(c => $"{c} = pdg_execution_levels.{c} + excluded.{c}"))}),
        revenue AS (
            INSERT INTO pdg_execution_revenue (tenant, day, staff_id, source, variant, currency, attributed, itt)
            SELECT tenant, day, staff_id, source, variant, currency,
                coalesce(sum(amount) FILTER (WHERE metric = 'revenue'), 0), coalesce(sum(amount) FILTER (WHERE metric = 'itt_revenue'), 0)
            FROM taken WHERE metric IN ('revenue', 'itt_revenue')
            GROUP BY tenant, day, staff_id, source, variant, currency
            ON CONFLICT (tenant, day, staff_id, source, variant, currency) DO UPDATE SET
                attributed = pdg_execution_revenue.attributed + excluded.attributed, itt = pdg_execution_revenue.itt + excluded.itt),
        level_revenue AS (
            INSERT INTO pdg_execution_level_revenue (level, tenant, day, staff_id, source, variant, currency, attributed, itt)
            SELECT {LevelOf}, tenant, day, {KeptOr("staff_id")}, {KeptOr("source")}, {KeptOr("variant")}, currency,
                coalesce(sum(amount) FILTER (WHERE metric = 'revenue'), 0), coalesce(sum(amount) FILTER (WHERE metric = 'itt_revenue'), 0)
            FROM taken WHERE metric IN ('revenue', 'itt_revenue')
            GROUP BY {LevelSets(", currency")}
            ON CONFLICT (tenant, level, day, staff_id, source, variant, currency) DO UPDATE SET
                attributed = pdg_execution_level_revenue.attributed + excluded.attributed, itt = pdg_execution_level_revenue.itt + excluded.itt)
        SELECT count(*) FROM taken
        """;

    /// <summary>
    /// Folds pending deltas into the rollups and pending reaches into the customers reached
    /// (<see cref="ExecutionReach.FoldCommand"/>), batch after batch until none are left; returns how many rows it took.
    /// One node folds at a time (a transaction-scoped advisory lock; the others skip the round): rollup rows are never
    /// updated concurrently, so nothing waits or deadlocks on them.
    /// </summary>
    public async Task<long> FoldAsync(CancellationToken ct = default)
    {
        long folded = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({FoldLockKey})", connection, transaction))
                if (!(bool)(await tryLock.ExecuteScalarAsync(ct))!) return folded;
            long taken, reached;
            await using (var fold = new NpgsqlCommand(Fold, connection, transaction) { CommandTimeout = FoldTimeoutSeconds })
            {
                fold.Parameters.Add(new() { Value = FoldBatch });
                taken = (long)(await fold.ExecuteScalarAsync(ct))!;
            }
            await using (var reach = ExecutionReach.FoldCommand(connection, transaction, ReachFoldBatch))
            {
                reach.CommandTimeout = FoldTimeoutSeconds;
                reached = (long)(await reach.ExecuteScalarAsync(ct))!;
            }
            await transaction.CommitAsync(ct);
            folded += taken + reached;
            if (taken < FoldBatch && reached < ReachFoldBatch) return folded;
        }
        return folded;
    }

    /// <summary>
    /// The counters and revenue of a tenant's nudges raised from <paramref name="from"/> to <paramref name="to"/>
    /// (days, inclusive) of <paramref name="staffIds"/> (null: every staff member), folded rollups plus pending deltas,
    /// added up in PostgreSQL per the dimensions <paramref name="keep"/> names: a dimension not kept comes back as
    /// <paramref name="from"/> (day) or "" (staff, source, variant). It reads the coarsest level that has what is kept
    /// (<see cref="LevelFor"/>): a tenant of 50 staff firing 20 rules every day has ~37,000 finest rows in 30 days (and
    /// two revenue rows each with two currencies), but 1,500 per day and staff member and 30 per day.
    /// </summary>
    public async Task<List<ExecutionRow>> ReadAsync(string tenant, DateOnly from, DateOnly to, RollupDimensions keep,
        IReadOnlyCollection<string>? staffIds, CancellationToken ct = default)
    {
        var groupKey = string.Join(", ",
            keep.HasFlag(RollupDimensions.Day) ? "day" : "$2",
            keep.HasFlag(RollupDimensions.Staff) ? "staff_id" : "''",
            keep.HasFlag(RollupDimensions.Source) ? "source" : "''",
            keep.HasFlag(RollupDimensions.Variant) ? "variant" : "''");
        const string where = "tenant = $1 AND day BETWEEN $2 AND $3 AND ($4::text[] IS NULL OR staff_id = ANY($4))";
        var level = LevelFor(keep, staffIds is not null);
        var (countsTable, revenueTable) = level is null
            ? ("pdg_execution_daily", "pdg_execution_revenue")
            : ("pdg_execution_levels", "pdg_execution_level_revenue");
        var levelWhere = level is null ? where : $"{where} AND level = '{level}'";
        var sums = string.Join(", ", Counters.Select(c => $"sum({c})::bigint"));
        var pending = string.Join(", ", Counters.Select(c => $"coalesce(sum(amount) FILTER (WHERE metric = '{c}'), 0) AS {c}"));
        var counts = new NpgsqlBatchCommand($"""
            SELECT {groupKey}, {sums} FROM (
                SELECT day, staff_id, source, variant, {string.Join(", ", Counters)} FROM {countsTable} WHERE {levelWhere}
                UNION ALL
                SELECT day, staff_id, source, variant, {pending} FROM pdg_execution_deltas
                WHERE {where} AND metric NOT IN ('revenue', 'itt_revenue')
                GROUP BY day, staff_id, source, variant) r
            GROUP BY 1, 2, 3, 4
            """);
        var revenue = new NpgsqlBatchCommand($"""
            SELECT {groupKey}, currency, sum(attributed), sum(itt) FROM (
                SELECT day, staff_id, source, variant, currency, attributed, itt FROM {revenueTable} WHERE {levelWhere}
                UNION ALL
                SELECT day, staff_id, source, variant, currency,
                    coalesce(sum(amount) FILTER (WHERE metric = 'revenue'), 0), coalesce(sum(amount) FILTER (WHERE metric = 'itt_revenue'), 0)
                FROM pdg_execution_deltas WHERE {where} AND metric IN ('revenue', 'itt_revenue')
                GROUP BY day, staff_id, source, variant, currency) r
            GROUP BY 1, 2, 3, 4, 5
            """);
        // Two statements with positional parameters: a batch, each with its own parameters.
        await using var batch = dataSource.CreateBatch();
        foreach (var command in new[] { counts, revenue })
        {
            command.Parameters.Add(new() { Value = tenant });
            command.Parameters.Add(new() { Value = from });
            command.Parameters.Add(new() { Value = to });
            command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = new Dictionary<(DateOnly, string, string, string), ExecutionRow>();
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            rows[key] = new ExecutionRow(key.Item1, key.Item2, key.Item3, key.Item4, Read(reader, 4));
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var key = (reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            if (!rows.TryGetValue(key, out var row)) rows[key] = row = new ExecutionRow(key.Item1, key.Item2, key.Item3, key.Item4, new ExecutionCounts());
            row.Counts.Revenue[reader.GetString(4)] = (reader.GetDecimal(5), reader.GetDecimal(6));
        }
        return [.. rows.Values];
    }

    /// <summary>
    /// The pre-summed level (<c>pdg_execution_levels.level</c>) that keeps every dimension of <paramref name="keep"/>
    /// (and the staff member when the report is <paramref name="limitedToStaff"/>), or null for the finest rows.
    /// </summary>
    private static string? LevelFor(RollupDimensions keep, bool limitedToStaff) => (keep, limitedToStaff) switch
    {
        (RollupDimensions.None or RollupDimensions.Day, false) => "day",
        (RollupDimensions.None or RollupDimensions.Day or RollupDimensions.Staff or (RollupDimensions.Day | RollupDimensions.Staff), _) => "staff",
        (RollupDimensions.Source or (RollupDimensions.Source | RollupDimensions.Variant), false) => "variant",
        _ => null,
    };

    private static ExecutionCounts Read(NpgsqlDataReader reader, int first)
    {
        long Next(ref int i) => reader.GetInt64(i++);
        var i = first;
        var counts = new ExecutionCounts
        {
            Raised = Next(ref i), Delivered = Next(ref i), Opened = Next(ref i), Done = Next(ref i), NotUseful = Next(ref i),
            DoneByAction = Next(ref i), Expired = Next(ref i), Obsolete = Next(ref i), Holdout = Next(ref i),
            Replies = Next(ref i), Orders = Next(ref i), IttReplies = Next(ref i), IttOrders = Next(ref i),
        };
        for (var b = 0; b < counts.ActBuckets.Length; b++) counts.ActBuckets[b] = Next(ref i);
        return counts;
    }
}

/// <summary>Which dimensions of the rollups <see cref="ExecutionRollups.ReadAsync"/> keeps apart; the others are added up.</summary>
[Flags]
public enum RollupDimensions
{
    None = 0,
    Day = 1,
    Staff = 2,
    Source = 4,
    Variant = 8,
}

/// <summary>The counts of the nudges a staff member was given from one source and variant on one raised day, or their sum over the dimensions <see cref="ExecutionRollups.ReadAsync"/> did not keep.</summary>
public sealed record ExecutionRow(DateOnly Day, string StaffId, string Source, string Variant, ExecutionCounts Counts);
