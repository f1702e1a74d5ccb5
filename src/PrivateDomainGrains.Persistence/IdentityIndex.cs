using Npgsql;
using PrivateDomainGrains.Core.Identity;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Reads and edits the identity index (<c>pdg_identities</c>, deploy/sql/0016): which customer each strong identity
/// of a tenant names. Events add their identities through group commit (<see cref="GroupCommitWriter"/>); this class
/// serves lookups, the identities API and the bulk import. An identity never moves: adding one another customer holds
/// answers that customer, and nothing changes.
/// </summary>
public sealed class IdentityIndex(NpgsqlDataSource dataSource)
{
    /// <summary>What adding an identity to a customer did.</summary>
    public enum AddOutcome { Added, AlreadyThere, HeldByAnother }

    /// <summary>The customers holding any of <paramref name="identities"/>, by identity (absent: nobody holds it). One round trip.</summary>
    public async Task<Dictionary<CustomerIdentity, string>> FindAsync(string tenant, IReadOnlyCollection<CustomerIdentity> identities, CancellationToken ct = default)
    {
        var found = new Dictionary<CustomerIdentity, string>();
        if (identities.Count == 0) return found;
        await using var command = dataSource.CreateCommand("""
            SELECT i.kind, i.value, i.customer_id FROM pdg_identities i
            JOIN unnest($2::text[], $3::text[]) AS q(kind, value) ON i.kind = q.kind AND i.value = q.value
            WHERE i.tenant = $1
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(Text(identities.Select(i => i.Kind)));
        command.Parameters.Add(Text(identities.Select(i => i.Value)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[new CustomerIdentity(reader.GetString(0), reader.GetString(1))] = reader.GetString(2);
        return found;
    }

    /// <summary>
    /// Which of <paramref name="identities"/> belonged to a customer whose data was erased (<c>pdg_identity_erasures</c>,
    /// deploy/sql/0043, written by <see cref="PersonalDataEraser"/>): events naming them are refused. One round trip.
    /// </summary>
    public async Task<HashSet<CustomerIdentity>> ErasedAsync(string tenant, IReadOnlyCollection<CustomerIdentity> identities, CancellationToken ct = default)
    {
        var erased = new HashSet<CustomerIdentity>();
        if (identities.Count == 0) return erased;
        await using var command = dataSource.CreateCommand($"""
            SELECT q.kind, q.value FROM unnest($2::text[], $3::text[]) AS q(kind, value)
            WHERE EXISTS (SELECT 1 FROM pdg_identity_erasures e WHERE e.tenant = $1 AND e.identity_hash = {PersonalDataEraser.IdentityHash("q")})
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(Text(identities.Select(i => i.Kind)));
        command.Parameters.Add(Text(identities.Select(i => i.Value)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) erased.Add(new CustomerIdentity(reader.GetString(0), reader.GetString(1)));
        return erased;
    }

    /// <summary>
    /// Which of <paramref name="customerIds"/> had their personal data erased (<c>pdg_customer_erasures</c>, written by
    /// <see cref="PersonalDataEraser"/>): no identity is added to them again. One round trip.
    /// </summary>
    public async Task<HashSet<string>> ErasedCustomersAsync(string tenant, IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        if (customerIds.Count == 0) return erased;
        await using var command = dataSource.CreateCommand(
            "SELECT customer_id FROM pdg_customer_erasures WHERE tenant = $1 AND customer_id = ANY($2::text[])");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(Text(customerIds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) erased.Add(reader.GetString(0));
        return erased;
    }

    /// <summary>
    /// Which of <paramref name="customerIds"/> the platform knows, with each one's owner (null: none): a customer is known
    /// once it is in the customer directory (it has had an event, an owner or tags) or holds an identity. Identities are
    /// given to known customers only, unless the caller says the customer is new (<c>createCustomers</c>). One round trip.
    /// </summary>
    public async Task<Dictionary<string, string?>> KnownCustomersAsync(string tenant, IReadOnlyCollection<string> customerIds, CancellationToken ct = default)
    {
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (customerIds.Count == 0) return known;
        await using var command = dataSource.CreateCommand("""
            SELECT q.id, d.owner FROM unnest($2::text[]) AS q(id)
            LEFT JOIN pdg_customer_directory d ON d.tenant = $1 AND d.customer_id = q.id
            WHERE d.customer_id IS NOT NULL OR EXISTS (SELECT 1 FROM pdg_identities i WHERE i.tenant = $1 AND i.customer_id = q.id)
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(Text(customerIds));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) known[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return known;
    }

    /// <summary>The index row of one identity, or null when no customer holds it.</summary>
    public async Task<IdentityRow?> GetAsync(string tenant, CustomerIdentity identity, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT customer_id, source, added_at FROM pdg_identities WHERE tenant = $1 AND kind = $2 AND value = $3");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = identity.Kind });
        command.Parameters.Add(new() { Value = identity.Value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new IdentityRow(tenant, identity.Kind, identity.Value, reader.GetString(0), reader.GetString(1)) { AddedAt = reader.GetFieldValue<DateTimeOffset>(2) }
            : null;
    }

    /// <summary>Every identity the customer holds, strongest kind first.</summary>
    public async Task<List<IdentityRow>> ListAsync(string tenant, string customerId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT kind, value, source, added_at FROM pdg_identities WHERE tenant = $1 AND customer_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<IdentityRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(new IdentityRow(tenant, reader.GetString(0), reader.GetString(1), customerId, reader.GetString(2)) { AddedAt = reader.GetFieldValue<DateTimeOffset>(3) });
        return [.. rows.OrderBy(r => IdentityKinds.Priority(r.Kind)).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal)];
    }

    /// <summary>The values of the customer's identities of one kind (e.g. its phone numbers), in the order they were added.</summary>
    public async Task<string[]> ValuesAsync(string tenant, string customerId, string kind, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT value FROM pdg_identities WHERE tenant = $1 AND customer_id = $2 AND kind = $3 ORDER BY added_at, value");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        command.Parameters.Add(new() { Value = kind });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return [.. values];
    }

    /// <summary>
    /// Adds the rows (any customers) in one statement and one transaction; returns, per row in order, what happened and
    /// the customer that holds the identity now. A row naming an identity held by another customer changes nothing.
    /// Two rows of one call for the same identity: the first wins.
    /// </summary>
    public async Task<List<(AddOutcome Outcome, string Holder)>> AddAsync(IReadOnlyList<IdentityRow> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return [];
        // One round trip, one implicit transaction: who holds the identities already, then the insert, whose RETURNING
        // names the rows it added.
        await using var batch = dataSource.CreateBatch();
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO pdg_identities (tenant, kind, value, customer_id, source)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
            ON CONFLICT (tenant, kind, value) DO NOTHING
            RETURNING tenant, kind, value
            """);
        insert.Parameters.Add(Text(rows.Select(r => r.Tenant)));
        insert.Parameters.Add(Text(rows.Select(r => r.Kind)));
        insert.Parameters.Add(Text(rows.Select(r => r.Value)));
        insert.Parameters.Add(Text(rows.Select(r => r.CustomerId)));
        insert.Parameters.Add(Text(rows.Select(r => r.Source)));
        var holders = new NpgsqlBatchCommand("""
            SELECT i.tenant, i.kind, i.value, i.customer_id FROM pdg_identities i
            JOIN unnest($1::text[], $2::text[], $3::text[]) AS q(tenant, kind, value) ON i.tenant = q.tenant AND i.kind = q.kind AND i.value = q.value
            """);
        holders.Parameters.Add(Text(rows.Select(r => r.Tenant)));
        holders.Parameters.Add(Text(rows.Select(r => r.Kind)));
        holders.Parameters.Add(Text(rows.Select(r => r.Value)));
        batch.BatchCommands.Add(holders);
        batch.BatchCommands.Add(insert);
        var before = new Dictionary<(string, string, string), string>();
        var added = new HashSet<(string, string, string)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) before[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetString(3);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) added.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        var outcomes = new List<(AddOutcome, string)>(rows.Count);
        var firstOfCall = new Dictionary<(string, string, string), string>();
        foreach (var row in rows)
        {
            var key = (row.Tenant, row.Kind, row.Value);
            if (before.TryGetValue(key, out var holder) || firstOfCall.TryGetValue(key, out holder))
                outcomes.Add((holder == row.CustomerId ? AddOutcome.AlreadyThere : AddOutcome.HeldByAnother, holder));
            else if (added.Contains(key))
            {
                // Rows are inserted in array order, so the call's first row for an identity is the one that got it.
                firstOfCall[key] = row.CustomerId;
                outcomes.Add((AddOutcome.Added, row.CustomerId));
            }
            else outcomes.Add((AddOutcome.HeldByAnother, "")); // taken by a concurrent writer between the read and the insert
        }
        return outcomes;
    }

    /// <summary>
    /// Claims the identities of customers about to be created by events (<see cref="IdentityClaim"/>), each claim all or
    /// nothing, in one transaction: every identity is inserted for its claim's customer (sorted, so two writers
    /// claiming overlapping identities wait for each other rather than deadlock); a claim that got fewer than all of
    /// them (another writer, in this instant, took one) has the ones it got removed again. The index's unique key on
    /// (tenant, kind, value) is what makes two concurrent creations of one person meet: one claim wins, the other finds
    /// the winner's identities held and is resolved again to that customer (<c>IdentityResolver</c>).
    /// </summary>
    /// <returns>The customers whose claims failed.</returns>
    public async Task<HashSet<string>> ClaimAsync(string tenant, IReadOnlyList<IdentityClaim> claims, CancellationToken ct = default)
    {
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (claims.Count == 0) return failed;
        var rows = claims.SelectMany(c => c.Identities.Select(i => (i.Kind, i.Value, c.CustomerId, c.Source)))
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var got = new List<(string Kind, string Value, string CustomerId)>();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO pdg_identities (tenant, kind, value, customer_id, source)
            SELECT $1, k, v, c, s FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS q(k, v, c, s, n) ORDER BY n
            ON CONFLICT (tenant, kind, value) DO NOTHING
            RETURNING kind, value, customer_id
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = tenant });
            insert.Parameters.Add(Text(rows.Select(r => r.Kind)));
            insert.Parameters.Add(Text(rows.Select(r => r.Value)));
            insert.Parameters.Add(Text(rows.Select(r => r.CustomerId)));
            insert.Parameters.Add(Text(rows.Select(r => r.Source)));
            await using var reader = await insert.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) got.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        var counts = got.CountBy(r => r.CustomerId).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        foreach (var claim in claims)
            if (counts.GetValueOrDefault(claim.CustomerId) < claim.Identities.Count) failed.Add(claim.CustomerId);
        if (failed.Count > 0)
        {
            var undone = got.Where(r => failed.Contains(r.CustomerId)).ToList();
            await using var undo = new NpgsqlCommand("""
                DELETE FROM pdg_identities i USING unnest($2::text[], $3::text[], $4::text[]) AS q(k, v, c)
                WHERE i.tenant = $1 AND i.kind = q.k AND i.value = q.v AND i.customer_id = q.c
                """, connection, transaction);
            undo.Parameters.Add(new() { Value = tenant });
            undo.Parameters.Add(Text(undone.Select(r => r.Kind)));
            undo.Parameters.Add(Text(undone.Select(r => r.Value)));
            undo.Parameters.Add(Text(undone.Select(r => r.CustomerId)));
            await undo.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return failed;
    }

    /// <summary>Removes the identity from the customer; false when the customer does not hold it.</summary>
    public async Task<bool> RemoveAsync(string tenant, string customerId, CustomerIdentity identity, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM pdg_identities WHERE tenant = $1 AND kind = $2 AND value = $3 AND customer_id = $4");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = identity.Kind });
        command.Parameters.Add(new() { Value = identity.Value });
        command.Parameters.Add(new() { Value = customerId });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }
}

/// <summary>The identities a customer about to be created by an event must hold, claimed before the event is stored.</summary>
/// <param name="CustomerId">The new customer's id (from its strongest identity).</param>
/// <param name="Identities">Its strong identities, normalised.</param>
/// <param name="Source">What the index records as their source: <c>event:{eventId}</c>, as the event's commit would.</param>
public sealed record IdentityClaim(string CustomerId, IReadOnlyList<CustomerIdentity> Identities, string Source);
