using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// Each tenant's key for the ids of customers created for an identity (<see cref="CustomerIdMint"/>;
/// <c>pdg_customer_id_keys</c>, deploy/sql/0056): 32 random bytes made on the tenant's first such customer and never
/// changed, so every node, before and after restarts, mints the same id for the same identity. Read once per node and
/// tenant, then kept; no API serves the key.
/// </summary>
public sealed class CustomerIdKeys(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<string, CustomerIdMint> _mints = new(StringComparer.Ordinal);

    /// <summary>The tenant's mint, its key made now if the tenant has none yet.</summary>
    public async ValueTask<CustomerIdMint> MintAsync(string tenant, CancellationToken ct = default)
    {
        if (_mints.TryGetValue(tenant, out var mint)) return mint;
        // Two nodes making a tenant's first key at once: the primary key keeps one, and both then read that one (the
        // losing insert waits for the winner's commit, so the next statement sees it).
        await using (var insert = dataSource.CreateCommand("INSERT INTO pdg_customer_id_keys (tenant, key) VALUES ($1, $2) ON CONFLICT (tenant) DO NOTHING"))
        {
            insert.Parameters.Add(new() { Value = tenant });
            insert.Parameters.Add(new() { Value = RandomNumberGenerator.GetBytes(CustomerIdMint.MinKeyBytes) });
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var select = dataSource.CreateCommand("SELECT key FROM pdg_customer_id_keys WHERE tenant = $1");
        select.Parameters.Add(new() { Value = tenant });
        var key = (byte[])(await select.ExecuteScalarAsync(ct))!;
        return _mints.GetOrAdd(tenant, new CustomerIdMint(key));
    }
}
