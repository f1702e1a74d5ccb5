using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary><c>pdg_event_journal</c>: events appended; an event id already stored in the tenant is skipped (a duplicate).</summary>
internal static class JournalStatements
{
    private const string Insert = """
        INSERT INTO pdg_event_journal (tenant, customer_id, seq, event_id, type, occurred_at, channel, staff_id, body, data, history)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::boolean[])
        ON CONFLICT DO NOTHING
        RETURNING tenant, event_id
        """;

    // Takes back the events of a write refused whole (see GroupCommitWriter), in the transaction that inserted them.
    private const string Delete = """
        DELETE FROM pdg_event_journal j USING unnest($1::text[], $2::text[], $3::bigint[]) AS d(tenant, customer_id, seq)
        WHERE j.tenant = d.tenant AND j.customer_id = d.customer_id AND j.seq = d.seq
        """;

    public static NpgsqlBatchCommand DeleteEvents(List<JournalRow> rows) => new(Delete)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.CustomerId)), Bigints(rows.Select(r => r.Sequence)) },
    };

    /// <summary>Returns (tenant, event_id) of the rows inserted.</summary>
    public static NpgsqlBatchCommand InsertEvents(List<JournalRow> rows) => new(Insert)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Bigints(rows.Select(r => r.Sequence)),
            Text(rows.Select(r => r.Event.Id)),
            Text(rows.Select(r => r.Event.Type)),
            Timestamps(rows.Select(r => r.Event.At)),
            Text(rows.Select(r => r.Event.Channel)),
            Text(rows.Select(r => r.Event.StaffId)),
            Text(rows.Select(r => r.Event.Text)),
            Jsonb(rows.Select(r => JournalData.ToJson(r.Event.Data))),
            Booleans(rows.Select(r => r.History)),
        },
    };
}
