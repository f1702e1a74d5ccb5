using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary><c>pdg_nudges</c>, the inbox: nudges raised, closed by their staff member, moved to a new owner.</summary>
internal static class NudgeStatements
{
    public const string Columns = "tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation";

    /// <summary><see cref="Columns"/> of the table aliased <paramref name="alias"/>, for queries that join it.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + "." + c));

    private const string Insert = """
        INSERT INTO pdg_nudges (tenant, nudge_id, staff_id, customer_id, event_id, kind, title, body, reason, priority, created_at, suggested, explanation)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::integer[], $11::timestamptz[], $12::text[], $13::text[])
        ON CONFLICT DO NOTHING
        RETURNING tenant, nudge_id
        """;

    private const string Acknowledge = """
        UPDATE pdg_nudges n SET acked_at = now()
        FROM unnest($1::text[], $2::text[], $3::text[]) AS a(tenant, staff_id, nudge_id)
        WHERE n.tenant = a.tenant AND n.nudge_id = a.nudge_id AND n.staff_id = a.staff_id AND n.acked_at IS NULL
        RETURNING n.tenant, n.nudge_id, n.customer_id
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
        },
    };

    /// <summary>Returns (tenant, nudge_id, customer_id) of the open nudges this closed.</summary>
    public static NpgsqlBatchCommand AcknowledgeNudges(List<NudgeAck> rows) => new(Acknowledge)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.StaffId)), Text(rows.Select(r => r.NudgeId)) },
    };

    /// <summary>Returns the moved nudges, as <see cref="ReadRow"/> reads them.</summary>
    public static NpgsqlBatchCommand ReassignOpenNudges(List<OwnerRow> owners) => new(Reassign)
    {
        Parameters = { Text(owners.Select(r => r.Tenant)), Text(owners.Select(r => r.CustomerId)), Text(owners.Select(r => r.StaffId)) },
    };

    /// <summary>A nudge row selected or returned with <see cref="Columns"/>, in that order.</summary>
    public static NudgeRow ReadRow(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetInt32(9),
            new DateTimeOffset(reader.GetDateTime(10), TimeSpan.Zero))
        {
            Suggested = reader.IsDBNull(11) ? null : reader.GetString(11),
            Explanation = reader.IsDBNull(12) ? null : reader.GetString(12),
        };
}
