using Npgsql;
using PrivateDomainGrains.Core.Events;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// The identity index (<c>pdg_identities</c>) rows a group commit adds: the strong identities recorded on its journaled
/// events (<see cref="EventIdentities"/>). An identity already held stays where it is (first writer wins); ingestion
/// refuses an event whose identities belong to another customer before it reaches a grain, so this only settles races.
/// </summary>
internal static class IdentityStatements
{
    private const string Insert = """
        INSERT INTO pdg_identities (tenant, kind, value, customer_id, source)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
        ON CONFLICT (tenant, kind, value) DO NOTHING
        """;

    /// <summary>
    /// The strong identities of the events, one row each, attributed to the event (<c>event:{id}</c>). Every flush asks
    /// this of every event, and most carry no data at all: those cost nothing here.
    /// </summary>
    public static List<IdentityRow> Of(List<JournalRow> events)
    {
        var rows = new List<IdentityRow>();
        foreach (var e in events)
        {
            if (e.Event.Data is not { Count: > 0 }) continue;
            foreach (var identity in EventIdentities.Of(e.Event))
            {
                if (identity.IsStrong) rows.Add(new IdentityRow(e.Tenant, identity.Kind, identity.Value, e.CustomerId, "event:" + e.Event.Id));
            }
        }
        return rows;
    }

    public static NpgsqlBatchCommand InsertIdentities(List<IdentityRow> rows) => new(Insert)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.Kind)),
            Text(rows.Select(r => r.Value)),
            Text(rows.Select(r => r.CustomerId)),
            Text(rows.Select(r => r.Source)),
        },
    };
}
