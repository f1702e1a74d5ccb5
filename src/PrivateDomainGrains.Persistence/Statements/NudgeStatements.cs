using Npgsql;
using PrivateDomainGrains.Core.Execution;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// <c>pdg_nudges</c>, the inbox: nudges raised, marked (delivered, opened, snoozed), closed by their staff member or by
/// the platform, credited, moved to a new owner. Every lifecycle fact also appends its execution delta
/// (<c>pdg_execution_deltas</c>, see <see cref="ExecutionRollups"/>), and a nudge acted on its reach
/// (<c>pdg_execution_reach_pending</c>, see <see cref="ExecutionReach"/>), in the same statement, so the reports move
/// with the facts, in the same transaction.
/// </summary>
internal static class NudgeStatements
{
    public const string Columns = "tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation, source, expires_at, snoozed_until";

    public static readonly int ColumnCount = Columns.Split(", ").Length;

    /// <summary><see cref="Columns"/> of the table aliased <paramref name="alias"/>, for queries that join it.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + "." + c));

    /// <summary>Columns a lifecycle statement returns for its execution deltas.</summary>
    private const string DeltaColumns = "n.tenant, n.nudge_id, n.staff_id, n.customer_id, n.source, n.variant, n.raised_day, n.closed_how, n.created_at, n.acked_at";

    /// <summary>
    /// Appends the deltas of the facts of <paramref name="facts"/> (a CTE returning <see cref="DeltaColumns"/>), metrics as
    /// given, summed per rollup key: the rollups only ever add them up, and a flush of thousands of facts then writes a
    /// few rows per staff member and rule instead of one per fact.
    /// </summary>
    private static string Deltas(string facts, string metrics, string amount = "1", string currency = "NULL") => $"""
        , deltas AS (
            INSERT INTO pdg_execution_deltas (tenant, day, staff_id, source, variant, metric, amount, currency)
            SELECT f.tenant, f.raised_day, f.staff_id, coalesce(f.source, ''), coalesce(f.variant, ''), m.metric, sum({amount}), {currency}
            FROM {facts} f CROSS JOIN LATERAL (VALUES {metrics}) AS m(metric)
            WHERE f.raised_day IS NOT NULL AND m.metric IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 8)
        """;

    /// <summary>
    /// Appends the nudges of <paramref name="facts"/> (a CTE returning <see cref="DeltaColumns"/>) that were acted on (done
    /// in the console or by the owner's own action) to the reaches the fold counts customers reached from (<see cref="ExecutionReach"/>).
    /// </summary>
    private static string Reaches(string facts) => $"""
        , reaches AS (
            INSERT INTO pdg_execution_reach_pending (tenant, customer_id, staff_id, source, variant, day)
            SELECT f.tenant, f.customer_id, f.staff_id, coalesce(f.source, ''), coalesce(f.variant, ''), f.raised_day
            FROM {facts} f WHERE f.raised_day IS NOT NULL AND f.closed_how IN ('done', 'done-by-action'))
        """;

    /// <summary>Time from raised to done, as the rollups' act_b0..act_b11 bucket metric.</summary>
    private static readonly string ActBucket =
        $"'act_b' || width_bucket(extract(epoch FROM f.acked_at - f.created_at)::float8, ARRAY[{string.Join(", ", ExecutionCounts.ActBucketBounds)}]::float8[])";

    private static readonly string Insert = $"""
        WITH inserted AS (
            INSERT INTO pdg_nudges AS n (tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at,
                suggested, explanation, source, expires_at, variant, raised_day, acked_at, closed_how, follows_owner)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                $10::integer[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::text[], $17::date[],
                $18::timestamptz[], $19::text[], $20::boolean[])
            ON CONFLICT DO NOTHING
            RETURNING {DeltaColumns})
        {Deltas("inserted", "('raised'), (CASE WHEN f.closed_how = 'holdout' THEN 'holdout' END)")}
        SELECT tenant, nudge_id FROM inserted
        """;

    private static readonly string Acknowledge = $"""
        WITH closed AS (
            UPDATE pdg_nudges n SET acked_at = now(), closed_how = a.how, closed_by = a.staff_id
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS a(tenant, staff_id, nudge_id, how)
            WHERE n.tenant = a.tenant AND n.nudge_id = a.nudge_id AND n.staff_id = a.staff_id AND n.acked_at IS NULL
            RETURNING {DeltaColumns})
        {Deltas("closed", $"(replace(f.closed_how, '-', '_')), (CASE WHEN f.closed_how = 'done' THEN {ActBucket} END)")}
        {Reaches("closed")}
        SELECT tenant, nudge_id, customer_id FROM closed
        """;

    // The platform's closes; the staff member is returned so their consoles can drop the card.
    private static readonly string Close = $"""
        WITH closed AS (
            UPDATE pdg_nudges n SET acked_at = c.at, closed_how = c.how
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS c(tenant, nudge_id, how, at)
            WHERE n.tenant = c.tenant AND n.nudge_id = c.nudge_id AND n.acked_at IS NULL
            RETURNING {DeltaColumns})
        {Deltas("closed", $"(replace(f.closed_how, '-', '_')), (CASE WHEN f.closed_how = 'done-by-action' THEN {ActBucket} END)")}
        {Reaches("closed")}
        SELECT tenant, nudge_id, staff_id FROM closed
        """;

    /// <summary>
    /// Replies (<paramref name="orders"/> false) or orders credited to nudges, one row per nudge: the credit to a nudge acted
    /// on (replied_at or ordered_at) and the conversion after raising (their itt_ twins), either or both, set in one
    /// UPDATE so a nudge credited and converted by the same flush gets one row version, not two. Only the first of each
    /// kind counts (a column already set is kept), orders with their amount and currency and a revenue delta in that
    /// currency. The prior values are read in the same statement; the flush locked these rows first
    /// (<see cref="LockNudges"/>), so nothing changes them in between.
    /// </summary>
    private static string Credit(bool orders)
    {
        var (at, ittAt) = orders ? ("ordered_at", "itt_ordered_at") : ("replied_at", "itt_replied_at");
        var set = orders
            ? """
              ordered_at = CASE WHEN p.first THEN p.at ELSE n.ordered_at END,
              order_amount = CASE WHEN p.first THEN p.amount ELSE n.order_amount END,
              order_currency = CASE WHEN p.first THEN p.currency ELSE n.order_currency END,
              itt_ordered_at = CASE WHEN p.itt_first THEN p.itt_at ELSE n.itt_ordered_at END,
              itt_order_amount = CASE WHEN p.itt_first THEN p.itt_amount ELSE n.itt_order_amount END,
              itt_order_currency = CASE WHEN p.itt_first THEN p.itt_currency ELSE n.itt_order_currency END
              """
            : """
              replied_at = CASE WHEN p.first THEN p.at ELSE n.replied_at END,
              itt_replied_at = CASE WHEN p.itt_first THEN p.itt_at ELSE n.itt_replied_at END
              """;
        var deltas = orders
            ? Deltas("credited",
                "(CASE WHEN f.first THEN 'orders' END), (CASE WHEN f.first AND f.amount IS NOT NULL AND f.currency IS NOT NULL THEN 'revenue' END), "
                + "(CASE WHEN f.itt_first THEN 'itt_orders' END), (CASE WHEN f.itt_first AND f.itt_amount IS NOT NULL AND f.itt_currency IS NOT NULL THEN 'itt_revenue' END)",
                amount: "CASE m.metric WHEN 'revenue' THEN f.amount WHEN 'itt_revenue' THEN f.itt_amount ELSE 1 END",
                currency: "CASE m.metric WHEN 'revenue' THEN f.currency WHEN 'itt_revenue' THEN f.itt_currency END")
            : Deltas("credited", "(CASE WHEN f.first THEN 'replies' END), (CASE WHEN f.itt_first THEN 'itt_replies' END)");
        return $"""
            WITH credited AS (
                UPDATE pdg_nudges n SET {set}
                FROM (
                    SELECT c.*, c.at IS NOT NULL AND o.{at} IS NULL AS first, c.itt_at IS NOT NULL AND o.{ittAt} IS NULL AS itt_first
                    FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::numeric[], $5::text[], $6::timestamptz[], $7::numeric[], $8::text[])
                        AS c(tenant, nudge_id, at, amount, currency, itt_at, itt_amount, itt_currency)
                    JOIN pdg_nudges o ON o.tenant = c.tenant AND o.nudge_id = c.nudge_id) p
                WHERE n.tenant = p.tenant AND n.nudge_id = p.nudge_id AND (p.first OR p.itt_first)
                RETURNING {DeltaColumns}, p.first, p.itt_first, p.amount, p.currency, p.itt_amount, p.itt_currency)
            {deltas}
            SELECT tenant, nudge_id FROM credited
            """;
    }

    private static readonly string CreditReplies = Credit(orders: false);
    private static readonly string CreditOrders = Credit(orders: true);

    /// <summary>The first delivery or opening (<paramref name="column"/> delivered_at or opened_at) of one of the staff member's nudges.</summary>
    private static string FirstMark(string column, string metric) => $"""
        WITH marked AS (
            UPDATE pdg_nudges n SET {column} = m.at
            FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS m(tenant, staff_id, nudge_id, at)
            WHERE n.tenant = m.tenant AND n.nudge_id = m.nudge_id AND n.staff_id = m.staff_id AND n.{column} IS NULL
            RETURNING {DeltaColumns})
        {Deltas("marked", $"('{metric}')")}
        SELECT tenant, nudge_id FROM marked
        """;

    private static readonly string MarkDelivered = FirstMark("delivered_at", "delivered");
    private static readonly string MarkOpened = FirstMark("opened_at", "opened");

    // A snooze replaces the last one; only an open nudge of the staff member's own can be snoozed.
    private const string Snooze = """
        UPDATE pdg_nudges n SET snoozed_until = m.until
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS m(tenant, staff_id, nudge_id, until)
        WHERE n.tenant = m.tenant AND n.nudge_id = m.nudge_id AND n.staff_id = m.staff_id AND n.acked_at IS NULL
        RETURNING n.tenant, n.nudge_id
        """;

    // Open nudges addressed to the owner follow their customer to its new owner, in the same transaction as the owner
    // change; on a handover, the ones addressed by name to the staff member handing over go too. The previous staff member
    // is returned after the columns, so their consoles can drop the cards.
    private static readonly string Reassign = $"""
        WITH moving AS (
            SELECT n.tenant, n.nudge_id, n.staff_id AS previous, CASE WHEN n.follows_owner THEN r.owner ELSE r.handed_to END AS staff_id
            FROM pdg_nudges n JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS r(tenant, customer_id, owner, handed_from, handed_to)
              ON n.tenant = r.tenant AND n.customer_id = r.customer_id
            WHERE n.acked_at IS NULL
              AND ((n.follows_owner AND n.staff_id <> r.owner) OR (NOT n.follows_owner AND n.staff_id = r.handed_from AND r.handed_to IS NOT NULL))
            FOR UPDATE OF n)
        UPDATE pdg_nudges n SET staff_id = m.staff_id
        FROM moving m WHERE n.tenant = m.tenant AND n.nudge_id = m.nudge_id
        RETURNING {ColumnsOf("n")}, m.previous
        """;

    // Row locks taken in one order by every flush: ORDER BY sits below FOR UPDATE in the plan, so the rows are locked
    // sorted. Returns one row, the count locked.
    private const string Lock = """
        SELECT count(*) FROM (
            SELECT 1 FROM pdg_nudges n JOIN unnest($1::text[], $2::text[]) AS k(tenant, nudge_id)
              ON n.tenant = k.tenant AND n.nudge_id = k.nudge_id
            ORDER BY n.tenant, n.nudge_id
            FOR UPDATE OF n) locked
        """;

    /// <summary>
    /// Locks the existing nudges of <paramref name="keys"/> (tenant, nudge id) in (tenant, nudge_id) order; returns one
    /// row, the count. A flush that updates nudges runs this first: concurrent flushes update the same rows (a customer's
    /// close and credits against a console's delivery mark) in several statements, and rows locked in one order by
    /// everyone cannot deadlock.
    /// </summary>
    public static NpgsqlBatchCommand LockNudges(IReadOnlyCollection<(string Tenant, string NudgeId)> keys) => new(Lock)
    {
        Parameters = { Text(keys.Select(k => k.Tenant)), Text(keys.Select(k => k.NudgeId)) },
    };

    /// <summary>Returns (tenant, nudge_id) of the rows inserted. Held-out decisions are stored closed as holdout.</summary>
    public static NpgsqlBatchCommand InsertNudges(List<NudgeRow> rows) => new(Insert)
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
            Integers(rows.Select(r => r.Priority)),
            Timestamps(rows.Select(r => r.CreatedAt)),
            Text(rows.Select(r => r.Suggested)),
            Text(rows.Select(r => r.Explanation)),
            Text(rows.Select(r => r.Source)),
            NullableTimestamps(rows.Select(r => r.ExpiresAt)),
            Text(rows.Select(r => r.Variant)),
            Dates(rows.Select(r => r.RaisedDay)),
            NullableTimestamps(rows.Select(r => r.HeldOut ? r.CreatedAt : (DateTimeOffset?)null)),
            Text(rows.Select(r => r.HeldOut ? "holdout" : null)),
            Booleans(rows.Select(r => r.FollowsOwner)),
        },
    };

    /// <summary>Returns (tenant, nudge_id, customer_id) of the open nudges this closed.</summary>
    public static NpgsqlBatchCommand AcknowledgeNudges(List<NudgeAck> rows) => new(Acknowledge)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)), Text(rows.Select(r => r.How)) },
    };

    /// <summary>Returns (tenant, nudge_id, staff_id) of the open nudges this closed.</summary>
    public static NpgsqlBatchCommand CloseNudges(List<NudgeClose> rows) => new(Close)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.NudgeId)), Text(rows.Select(r => r.How)), Timestamps(rows.Select(r => r.At)) },
    };

    /// <summary>
    /// Replies (<paramref name="orders"/> false) or orders credited to nudges (<see cref="NudgeCredits"/>: at most one row
    /// per nudge, with its credit, its conversion or both). Returns (tenant, nudge_id) of the nudges with a first credit or
    /// conversion.
    /// </summary>
    public static NpgsqlBatchCommand CreditNudges(List<NudgeCredits> rows, bool orders) => new(orders ? CreditOrders : CreditReplies)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.NudgeId)),
            NullableTimestamps(rows.Select(r => r.Credit?.At)), Numerics(rows.Select(r => r.Credit?.Amount)), Text(rows.Select(r => r.Credit?.Currency)),
            NullableTimestamps(rows.Select(r => r.Conversion?.At)), Numerics(rows.Select(r => r.Conversion?.Amount)), Text(rows.Select(r => r.Conversion?.Currency)),
        },
    };

    /// <summary>First deliveries or openings (<paramref name="kind"/>), at most one row per nudge; returns (tenant, nudge_id) of those that were first.</summary>
    public static NpgsqlBatchCommand FirstMarks(List<NudgeMark> rows, NudgeMarkKind kind) => new(kind == NudgeMarkKind.Delivered ? MarkDelivered : MarkOpened)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)), Timestamps(rows.Select(r => r.At)) },
    };

    /// <summary>Snoozes, at most one row per nudge; returns (tenant, nudge_id) of the nudges snoozed.</summary>
    public static NpgsqlBatchCommand Snoozes(List<NudgeMark> rows) => new(Snooze)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)), NullableTimestamps(rows.Select(r => r.Until)) },
    };

    /// <summary>Returns the moved nudges, as <see cref="ReadRow"/> reads them, each followed by the staff member it was addressed to before.</summary>
    public static NpgsqlBatchCommand ReassignOpenNudges(List<NudgeMove> moves) => new(Reassign)
    {
        Parameters =
        {
            Text(moves.Select(r => r.Tenant)), Text(moves.Select(r => r.CustomerId)), Text(moves.Select(r => r.Owner)),
            Text(moves.Select(r => r.HandedFrom)), Text(moves.Select(r => r.HandedTo)),
        },
    };

    /// <summary>
    /// A nudge row selected or returned with <see cref="Columns"/>, in that order, and when <paramref name="withCustomerName"/>
    /// the customer's display name after them (from the directory).
    /// </summary>
    public static NudgeRow ReadRow(NpgsqlDataReader reader, bool withCustomerName = false) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
            new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero))
        {
            Suggested = reader.IsDBNull(11) ? null : reader.GetString(11),
            Explanation = reader.IsDBNull(12) ? null : reader.GetString(12),
            Source = reader.IsDBNull(13) ? null : reader.GetString(13),
            ExpiresAt = reader.IsDBNull(14) ? null : new DateTimeOffset(reader.GetDateTime(14), TimeSpan.Zero),
            SnoozedUntil = reader.IsDBNull(15) ? null : new DateTimeOffset(reader.GetDateTime(15), TimeSpan.Zero),
            CustomerName = withCustomerName && !reader.IsDBNull(16) ? reader.GetString(16) : null,
        };
}
