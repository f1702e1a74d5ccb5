using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Reads the ownership index (<c>pdg_customer_owners</c>): the customers a staff member owns, without activating them.
/// Customers write their own rows through group commit whenever their owner changes (<see cref="WriteRequest.Owners"/>).
/// </summary>
public sealed class CustomerOwners(NpgsqlDataSource dataSource)
{
    /// <summary>How many customers the staff member owns now.</summary>
    public async Task<long> CountAsync(string tenant, string staffId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pdg_customer_owners WHERE tenant = $1 AND staff_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = staffId });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> customers the staff member owns, in customer id order, after <paramref name="after"/>
    /// (keyset paging: pass the last id of the previous page, or "" for the first).
    /// </summary>
    public async Task<List<string>> PageAsync(string tenant, string staffId, string after, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT customer_id FROM pdg_customer_owners WHERE tenant = $1 AND staff_id = $2 AND customer_id > $3 ORDER BY customer_id LIMIT $4");
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
