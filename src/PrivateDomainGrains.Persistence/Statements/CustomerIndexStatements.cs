using Npgsql;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence.Statements;

/// <summary>
/// What a customer grain keeps beside its journal: the profile snapshot (<c>pdg_customer_snapshots</c>), its entry in
/// the due-time index (<c>pdg_due</c>) and in the ownership index (<c>pdg_customer_owners</c>). Each is upserted by
/// customer, so a flush holds one row per customer (see <see cref="GroupCommitWriter"/>).
/// </summary>
internal static class CustomerIndexStatements
{
    // A stale snapshot never overwrites a newer one.
    private const string UpsertSnapshots = """
        INSERT INTO pdg_customer_snapshots (tenant, customer_id, revision, seq, body)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bytea[])
        ON CONFLICT (tenant, customer_id) DO UPDATE
        SET revision = excluded.revision, seq = excluded.seq, body = excluded.body, saved_at = now()
        WHERE pdg_customer_snapshots.revision < excluded.revision
        """;

    // A new due time ends any lease: the customer has dealt with (or rescheduled) what the lease was for.
    private const string UpsertDue = """
        INSERT INTO pdg_due (tenant, customer_id, bucket, due_at)
        SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::timestamptz[])
        ON CONFLICT (tenant, customer_id) DO UPDATE SET due_at = excluded.due_at, leased_until = NULL
        """;

    private const string DeleteDue = """
        DELETE FROM pdg_due d
        USING unnest($1::text[], $2::text[]) AS r(tenant, customer_id)
        WHERE d.tenant = r.tenant AND d.customer_id = r.customer_id
        """;

    // The ownership index follows the profile: the latest owner wins, whatever the row said before.
    private const string UpsertOwners = """
        INSERT INTO pdg_customer_owners (tenant, customer_id, staff_id)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
        ON CONFLICT (tenant, customer_id) DO UPDATE SET staff_id = excluded.staff_id
        """;

    public static NpgsqlBatchCommand Snapshots(List<CustomerSnapshotRow> rows) => new(UpsertSnapshots)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Bigints(rows.Select(r => r.Revision)),
            Bigints(rows.Select(r => r.Sequence)),
            Bytea(rows.Select(r => r.Body)),
        },
    };

    public static NpgsqlBatchCommand SetDue(List<DueRow> rows) => new(UpsertDue)
    {
        Parameters =
        {
            Text(rows.Select(r => r.Tenant)),
            Text(rows.Select(r => r.CustomerId)),
            Smallints(rows.Select(r => DueBuckets.Of(r.Tenant, r.CustomerId))),
            Timestamps(rows.Select(r => r.DueAt!.Value)),
        },
    };

    public static NpgsqlBatchCommand RemoveDue(List<DueRow> rows) => new(DeleteDue)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.CustomerId)) },
    };

    public static NpgsqlBatchCommand Owners(List<OwnerRow> rows) => new(UpsertOwners)
    {
        Parameters = { Text(rows.Select(r => r.Tenant)), Text(rows.Select(r => r.CustomerId)), Text(rows.Select(r => r.StaffId)) },
    };
}
