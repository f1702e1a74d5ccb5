using System.Text.Json;
using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// The customer directory (<c>pdg_customer_directory</c>), its activity (<c>pdg_customer_activity</c>) and the
/// customer's changes that are not events (<c>pdg_customer_changes</c>), written with the customer's commits.
/// </summary>
internal static class DirectoryStatements
{
    // Array columns come in as array literals, one text per row (unnest cannot take jagged arrays). The activity row
    // (deploy/sql/0054) is written in the same statement, from the same owner.
    private const string Upsert = """
        WITH d AS (
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[],
                    $10::integer[], $11::text[], $12::integer[], $13::timestamptz[], $14::smallint[], $15::jsonb[], $16::jsonb[])
                AS d(tenant, customer_id, owner, display_name, remark, tags, tier, status, last_interaction_at, open_nudges, search_grams,
                    orders, last_order_at, monetary_score, lifetime_value, fields)),
        directory AS (
            INSERT INTO pdg_customer_directory (tenant, customer_id, owner, display_name, remark, tags, tier, status, search_grams,
                orders, last_order_at, monetary_score, lifetime_value, fields, updated_at)
            SELECT d.tenant, d.customer_id, d.owner, d.display_name, d.remark, d.tags::text[], d.tier, d.status, d.search_grams::text[],
                d.orders, d.last_order_at, d.monetary_score, d.lifetime_value, d.fields, now()
            FROM d
            ON CONFLICT (tenant, customer_id) DO UPDATE SET
                owner = excluded.owner, display_name = excluded.display_name, remark = excluded.remark, tags = excluded.tags,
                tier = excluded.tier, status = excluded.status, search_grams = excluded.search_grams, orders = excluded.orders,
                last_order_at = excluded.last_order_at, monetary_score = excluded.monetary_score,
                lifetime_value = excluded.lifetime_value, fields = excluded.fields, updated_at = excluded.updated_at)
        INSERT INTO pdg_customer_activity (tenant, customer_id, owner, last_interaction_at, open_nudges)
        SELECT d.tenant, d.customer_id, d.owner, d.last_interaction_at, d.open_nudges FROM d
        ON CONFLICT (tenant, customer_id) DO UPDATE SET
            owner = excluded.owner, last_interaction_at = excluded.last_interaction_at, open_nudges = excluded.open_nudges
        """;

    // A busy customer's activity changes with nearly every event: a narrow row of its own (deploy/sql/0054), so the
    // directory's wide row and its GIN indexes are not rewritten for it.
    private const string UpdateActivity = """
        UPDATE pdg_customer_activity c SET last_interaction_at = a.last_interaction_at, open_nudges = a.open_nudges
        FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::integer[]) AS a(tenant, customer_id, last_interaction_at, open_nudges)
        WHERE c.tenant = a.tenant AND c.customer_id = a.customer_id
        """;

    private const string InsertChanges = """
        INSERT INTO pdg_customer_changes (tenant, customer_id, at, kind, detail)
        SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[])
        """;

    /// <summary>Whole rows: the directory's, and the activity's with the same owner.</summary>
    public static NpgsqlBatchCommand Directory(List<DirectoryRow> rows) => new(Upsert)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Text(rows.Select(r => r.Owner)),
            Text(rows.Select(r => r.DisplayName)),
            Text(rows.Select(r => r.Remark)),
            TextArrays(rows.Select(r => r.Tags)),
            Text(rows.Select(r => r.Tier)),
            Text(rows.Select(r => r.Status)),
            NullableTimestamps(rows.Select(r => r.LastInteractionAt)),
            Integers(rows.Select(r => r.OpenNudges)),
            TextArrays(rows.Select(r => r.SearchGrams)),
            Integers(rows.Select(r => r.Orders)),
            NullableTimestamps(rows.Select(r => r.LastOrderAt)),
            Smallints(rows.Select(r => (short)r.MonetaryScore)),
            Jsonb(rows.Select(r => Json(r.LifetimeValue))),
            Jsonb(rows.Select(r => Json(r.Fields))),
        },
    };

    /// <summary>A dictionary as a UTF-8 JSON object; most customers have no lifetime value or fields yet, and those share one.</summary>
    private static byte[]? Json<TValue>(IReadOnlyDictionary<string, TValue> values) => values.Count == 0 ? EmptyObject : JsonSerializer.SerializeToUtf8Bytes(values);

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>The <see cref="DirectoryRow.ActivityOnly"/> rows: last interaction and open nudges of customers already stored (their activity row exists).</summary>
    public static NpgsqlBatchCommand Activity(List<DirectoryRow> rows) => new(UpdateActivity)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            NullableTimestamps(rows.Select(r => r.LastInteractionAt)),
            Integers(rows.Select(r => r.OpenNudges)),
        },
    };

    public static NpgsqlBatchCommand Changes(List<CustomerChangeRow> rows) => new(InsertChanges)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Timestamps(rows.Select(r => r.At)),
            Text(rows.Select(r => r.Kind)),
            Jsonb(rows.Select(r => (string?)r.Detail)),
        },
    };
}
