using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Reads the ownership index (<c>pdg_customer_owners</c>): the customers a staff member owns, without activating them.
/// Customers write their own rows through group commit whenever their owner changes (<see cref="WriteRequest.Owners"/>).
/// With <c>withNamedNudges</c>, also the customers with open nudges addressed to the staff member by name (what a
/// leaver leaves besides the customers they own).
/// </summary>
public sealed class CustomerOwners(NpgsqlDataSource dataSource)
{
    private const string Owned = "SELECT customer_id FROM pdg_customer_owners WHERE tenant = $1 AND staff_id = $2";
    private const string OwnedOrNamed = Owned + " UNION SELECT customer_id FROM pdg_nudges WHERE tenant = $1 AND staff_id = $2 AND acked_at IS NULL";

    /// <summary>How many customers the staff member owns now (and, with <paramref name="withNamedNudges"/>, has open nudges about).</summary>
    public async Task<long> CountAsync(string tenant, string staffId, bool withNamedNudges = false, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM ({(withNamedNudges ? OwnedOrNamed : Owned)}) c");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> customers the staff member owns, in customer id order, after <paramref name="after"/>
    /// (keyset paging: pass the last id of the previous page, or "" for the first).
    /// </summary>
    public async Task<List<string>> PageAsync(string tenant, string staffId, string after, int limit, bool withNamedNudges = false, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT customer_id FROM ({(withNamedNudges ? OwnedOrNamed : Owned)}) c WHERE customer_id > $3 ORDER BY customer_id LIMIT $4");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        command.Parameters.Add(new() { Value = after });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var customers = new List<string>(limit);
        while (await reader.ReadAsync(ct)) customers.Add(reader.GetString(0));
        return customers;
    }
}
