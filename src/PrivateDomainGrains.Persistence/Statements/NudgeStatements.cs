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
    /// in the console or by the owner's own action; <paramref name="applied"/>: closed by this statement) to the reaches the fold counts customers reached from (<see cref="ExecutionReach"/>).
    /// </summary>
    private static string Reaches(string facts, string applied) => $"""
        , reaches AS (
            INSERT INTO pdg_execution_reach_pending (tenant, customer_id, staff_id, source, variant, day)
            SELECT f.tenant, f.customer_id, f.staff_id, coalesce(f.source, ''), coalesce(f.variant, ''), f.raised_day
            FROM {facts} f WHERE ({applied}) AND f.raised_day IS NOT NULL AND f.closed_how IN ('done', 'done-by-action'))
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

    /// <summary>
    /// Every change one flush makes to existing nudges (<see cref="NudgeChanges"/>, one row per nudge), in one UPDATE: a
    /// nudge closed, delivered, opened, snoozed and credited by the same flush gets one row version instead of one per kind
    /// of change. Each change applies as its own statement did before: a staff member's close, mark or snooze only to an
    /// open (marks: any) nudge of theirs, the platform's close only to an open nudge the staff member did not close in the
    /// same flush, a snooze only to a nudge still open after this flush's closes, the first delivery, opening, credit and
    /// conversion only where none was stored. The prior values are read in the same statement (<c>o</c>); the flush locked
    /// these rows first (<see cref="LockNudges"/>), so nothing changes them in between. The execution deltas of the changes
    /// that applied are summed per rollup key and metric in the same statement (<see cref="Deltas"/>), and the nudges acted
    /// on appended to the reaches.
    /// </summary>
    private static readonly string Change = $"""
        WITH changed AS (
            UPDATE pdg_nudges n SET
                acked_at = CASE WHEN p.acked THEN now() WHEN p.closed THEN p.close_at ELSE n.acked_at END,
                closed_how = CASE WHEN p.acked THEN p.ack_how WHEN p.closed THEN p.close_how ELSE n.closed_how END,
                closed_by = CASE WHEN p.acked THEN p.ack_staff ELSE n.closed_by END,
                delivered_at = CASE WHEN p.delivered THEN p.delivered_at ELSE n.delivered_at END,
                opened_at = CASE WHEN p.opened THEN p.opened_at ELSE n.opened_at END,
                snoozed_until = CASE WHEN p.snoozed THEN p.snooze_until ELSE n.snoozed_until END,
                replied_at = CASE WHEN p.replied THEN p.reply_at ELSE n.replied_at END,
                itt_replied_at = CASE WHEN p.itt_replied THEN p.itt_reply_at ELSE n.itt_replied_at END,
                ordered_at = CASE WHEN p.ordered THEN p.order_at ELSE n.ordered_at END,
                order_amount = CASE WHEN p.ordered THEN p.order_amount ELSE n.order_amount END,
                order_currency = CASE WHEN p.ordered THEN p.order_currency ELSE n.order_currency END,
                itt_ordered_at = CASE WHEN p.itt_ordered THEN p.itt_order_at ELSE n.itt_ordered_at END,
                itt_order_amount = CASE WHEN p.itt_ordered THEN p.itt_order_amount ELSE n.itt_order_amount END,
                itt_order_currency = CASE WHEN p.itt_ordered THEN p.itt_order_currency ELSE n.itt_order_currency END
            FROM (
                SELECT q.*, q.close_how IS NOT NULL AND q.open AND NOT q.acked AS closed,
                    q.snooze_staff IS NOT NULL AND q.open AND q.staff_id = q.snooze_staff AND NOT q.acked AND q.close_how IS NULL AS snoozed
                FROM (
                    SELECT c.*, o.staff_id, o.acked_at IS NULL AS open,
                        c.ack_how IS NOT NULL AND o.acked_at IS NULL AND o.staff_id = c.ack_staff AS acked,
                        c.delivered_at IS NOT NULL AND o.delivered_at IS NULL AND o.staff_id = c.delivered_staff AS delivered,
                        c.opened_at IS NOT NULL AND o.opened_at IS NULL AND o.staff_id = c.opened_staff AS opened,
                        c.reply_at IS NOT NULL AND o.replied_at IS NULL AS replied,
                        c.itt_reply_at IS NOT NULL AND o.itt_replied_at IS NULL AS itt_replied,
                        c.order_at IS NOT NULL AND o.ordered_at IS NULL AS ordered,
                        c.itt_order_at IS NOT NULL AND o.itt_ordered_at IS NULL AS itt_ordered
                    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::timestamptz[],
                        $9::text[], $10::timestamptz[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[],
                        $15::timestamptz[], $16::numeric[], $17::text[], $18::timestamptz[], $19::numeric[], $20::text[])
                        AS c(tenant, nudge_id, ack_staff, ack_how, close_how, close_at, delivered_staff, delivered_at, opened_staff, opened_at,
                            snooze_staff, snooze_until, reply_at, itt_reply_at, order_at, order_amount, order_currency, itt_order_at,
                            itt_order_amount, itt_order_currency)
                    JOIN pdg_nudges o ON o.tenant = c.tenant AND o.nudge_id = c.nudge_id) q) p
            WHERE n.tenant = p.tenant AND n.nudge_id = p.nudge_id
              AND (p.acked OR p.closed OR p.delivered OR p.opened OR p.snoozed OR p.replied OR p.itt_replied OR p.ordered OR p.itt_ordered)
            RETURNING {DeltaColumns}, p.acked, p.closed, p.delivered OR p.opened OR p.snoozed AS marked, p.delivered, p.opened,
                p.replied, p.itt_replied, p.ordered, p.itt_ordered, p.order_amount, p.order_currency, p.itt_order_amount, p.itt_order_currency)
        {Deltas("changed",
            "(CASE WHEN f.acked OR f.closed THEN replace(f.closed_how, '-', '_') END), "
            + $"(CASE WHEN (f.acked OR f.closed) AND f.closed_how IN ('done', 'done-by-action') THEN {ActBucket} END), "
            + "(CASE WHEN f.delivered THEN 'delivered' END), (CASE WHEN f.opened THEN 'opened' END), "
            + "(CASE WHEN f.replied THEN 'replies' END), (CASE WHEN f.itt_replied THEN 'itt_replies' END), "
            + "(CASE WHEN f.ordered THEN 'orders' END), (CASE WHEN f.ordered AND f.order_amount IS NOT NULL AND f.order_currency IS NOT NULL THEN 'revenue' END), "
            + "(CASE WHEN f.itt_ordered THEN 'itt_orders' END), "
            + "(CASE WHEN f.itt_ordered AND f.itt_order_amount IS NOT NULL AND f.itt_order_currency IS NOT NULL THEN 'itt_revenue' END)",
            amount: "CASE m.metric WHEN 'revenue' THEN f.order_amount WHEN 'itt_revenue' THEN f.itt_order_amount ELSE 1 END",
            currency: "CASE m.metric WHEN 'revenue' THEN f.order_currency WHEN 'itt_revenue' THEN f.itt_order_currency END")}
        {Reaches("changed", "f.acked OR f.closed")}
        SELECT tenant, nudge_id, customer_id, staff_id, acked, closed, marked FROM changed
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
    /// row, the count. A flush that updates nudges runs this first: one node's flushes in flight never share a nudge (the
    /// group commit forms its batches key-aware), but two nodes' flushes can (a console's mark on one, the customer's
    /// credit on the other), and rows locked in one order by everyone cannot deadlock.
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

    /// <summary>
    /// The changes of <paramref name="rows"/> (one per nudge) in one UPDATE (see <c>Change</c>). Returns, per nudge changed,
    /// (tenant, nudge_id, customer_id, staff_id, closed by its staff member, closed by the platform, first delivered, opened or snoozed).
    /// </summary>
    public static NpgsqlBatchCommand ChangeNudges(List<NudgeChanges> rows) => new(Change)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.NudgeId)),
            Text(rows.Select(r => r.Ack?.StaffId)), Text(rows.Select(r => r.Ack?.How)),
            Text(rows.Select(r => r.Close?.How)), NullableTimestamps(rows.Select(r => r.Close?.At)),
            Text(rows.Select(r => r.Delivered?.StaffId)), NullableTimestamps(rows.Select(r => r.Delivered?.At)),
            Text(rows.Select(r => r.Opened?.StaffId)), NullableTimestamps(rows.Select(r => r.Opened?.At)),
            Text(rows.Select(r => r.Snooze?.StaffId)), NullableTimestamps(rows.Select(r => r.Snooze?.Until)),
            NullableTimestamps(rows.Select(r => r.Reply?.At)), NullableTimestamps(rows.Select(r => r.ReplyConversion?.At)),
            NullableTimestamps(rows.Select(r => r.Order?.At)), Numerics(rows.Select(r => r.Order?.Amount)), Text(rows.Select(r => r.Order?.Currency)),
            NullableTimestamps(rows.Select(r => r.OrderConversion?.At)), Numerics(rows.Select(r => r.OrderConversion?.Amount)),
            Text(rows.Select(r => r.OrderConversion?.Currency)),
        },
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
