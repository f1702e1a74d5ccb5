using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary><c>pdg_nudges</c>, the inbox: nudges raised, closed by their staff member, moved to a new owner.</summary>
internal static class NudgeStatements
{
    public const string Columns = "tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation, source, expires_at, snoozed_until";

    /// <summary><see cref="Columns"/> of the table aliased <paramref name="alias"/>, for queries that join it.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + "." + c));

    private const string Insert = """
        INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation, source, expires_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::integer[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::timestamptz[])
        ON CONFLICT DO NOTHING
        RETURNING tenant, nudge_id
        """;

    private const string Acknowledge = """
        UPDATE pdg_nudges n SET acked_at = now(), closed_how = a.how, closed_by = a.staff_id
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS a(tenant, staff_id, nudge_id, how)
        WHERE n.tenant = a.tenant AND n.nudge_id = a.nudge_id AND n.staff_id = a.staff_id AND n.acked_at IS NULL
        RETURNING n.tenant, n.nudge_id, n.customer_id
        """;

    // The platform's closes; the staff member is returned so their consoles can drop the card.
    private const string Close = """
        UPDATE pdg_nudges n SET acked_at = c.at, closed_how = c.how
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS c(tenant, nudge_id, how, at)
        WHERE n.tenant = c.tenant AND n.nudge_id = c.nudge_id AND n.acked_at IS NULL
        RETURNING n.tenant, n.nudge_id, n.staff_id
        """;

    // A credit never overwrites an earlier one of the same kind.
    private const string Credit = """
        UPDATE pdg_nudges n SET
            replied_at = CASE WHEN c.outcome = 'replied' THEN coalesce(n.replied_at, c.at) ELSE n.replied_at END,
            ordered_at = CASE WHEN c.outcome = 'ordered' THEN coalesce(n.ordered_at, c.at) ELSE n.ordered_at END,
            order_amount = CASE WHEN c.outcome = 'ordered' AND n.ordered_at IS NULL THEN c.amount ELSE n.order_amount END,
            order_currency = CASE WHEN c.outcome = 'ordered' AND n.ordered_at IS NULL THEN c.currency ELSE n.order_currency END
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::numeric[], $6::text[]) AS c(tenant, nudge_id, outcome, at, amount, currency)
        WHERE n.tenant = c.tenant AND n.nudge_id = c.nudge_id
        """;

    // First delivery and first opening are kept; a snooze replaces the last one (null: ended). Only the staff
    // member's own nudge is marked, and only while open for snoozes.
    private const string Mark = """
        UPDATE pdg_nudges n SET
            delivered_at = coalesce(n.delivered_at, m.delivered_at),
            opened_at = coalesce(n.opened_at, m.opened_at),
            snoozed_until = CASE WHEN m.snoozed THEN m.snoozed_until ELSE n.snoozed_until END
        FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::boolean[], $7::timestamptz[])
            AS m(tenant, staff_id, nudge_id, delivered_at, opened_at, snoozed, snoozed_until)
        WHERE n.tenant = m.tenant AND n.nudge_id = m.nudge_id AND n.staff_id = m.staff_id AND (NOT m.snoozed OR n.acked_at IS NULL)
        RETURNING n.tenant, n.nudge_id
        """;

    // Open nudges follow their customer to its new owner, in the same transaction as the owner change.
    private static readonly string Reassign = $"""
        UPDATE pdg_nudges n SET staff_id = r.staff_id
        FROM unnest($1::text[], $2::text[], $3::text[]) AS r(tenant, customer_id, staff_id)
        WHERE n.tenant = r.tenant AND n.customer_id = r.customer_id AND n.acked_at IS NULL AND n.staff_id <> r.staff_id
        RETURNING {ColumnsOf("n")}
        """;

    /// <summary>Returns (tenant, nudge_id) of the rows inserted.</summary>
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

    public static NpgsqlBatchCommand CreditNudges(List<NudgeCreditRow> rows) => new(Credit)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.NudgeId)), Text(rows.Select(r => r.Outcome)),
            Timestamps(rows.Select(r => r.At)), Numerics(rows.Select(r => r.Amount)), Text(rows.Select(r => r.Currency)),
        },
    };

    /// <summary>At most one row per nudge (<see cref="MergedMark"/>); returns (tenant, nudge_id) of the nudges marked.</summary>
    public static NpgsqlBatchCommand MarkNudges(List<MergedMark> rows) => new(Mark)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)),
            NullableTimestamps(rows.Select(r => r.DeliveredAt)), NullableTimestamps(rows.Select(r => r.OpenedAt)),
            Booleans(rows.Select(r => r.Snoozed)), NullableTimestamps(rows.Select(r => r.SnoozedUntil)),
        },
    };

    /// <summary>The marks of one nudge in one flush, merged: an UPDATE touches a row once.</summary>
    public sealed record MergedMark(string Tenant, string StaffId, string NudgeId, DateTimeOffset? DeliveredAt, DateTimeOffset? OpenedAt, bool Snoozed, DateTimeOffset? SnoozedUntil)
    {
        public static List<MergedMark> Of(IEnumerable<NudgeMark> marks) =>
            [.. marks.GroupBy(m => (m.Tenant, m.StaffId, m.NudgeId)).Select(g =>
            {
                var snooze = g.LastOrDefault(m => m.Kind == NudgeMarkKind.Snoozed);
                return new MergedMark(g.Key.Tenant, g.Key.StaffId, g.Key.NudgeId,
                    g.Where(m => m.Kind == NudgeMarkKind.Delivered).Select(m => (DateTimeOffset?)m.At).Min(),
                    g.Where(m => m.Kind == NudgeMarkKind.Opened).Select(m => (DateTimeOffset?)m.At).Min(),
                    snooze is not null, snooze?.Until);
            })];
    }

    /// <summary>Returns the moved nudges, as <see cref="ReadRow"/> reads them.</summary>
    public static NpgsqlBatchCommand ReassignOpenNudges(List<OwnerRow> owners) => new(Reassign)
    {
        Parameters = { Text(owners.Select(r => r.Tenant)), Text(owners.Select(r => r.CustomerId)), Text(owners.Select(r => r.StaffId)) },
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
