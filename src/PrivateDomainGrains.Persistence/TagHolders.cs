using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// How many customers hold each tag, from the customer directory (<c>pdg_customer_directory.tags</c>, written with every
/// customer's commit): what the tag list shows beside the catalog, free tags included.
/// </summary>
public sealed class TagHolders(NpgsqlDataSource dataSource)
{
    /// <summary>Every tag held by a customer of the tenant, with its number of holders. Reads all of the tenant's directory rows.</summary>
    public async Task<Dictionary<string, long>> CountAllAsync(string tenant, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT t, count(*) FROM pdg_customer_directory d, unnest(d.tags) AS t WHERE d.tenant = $1 GROUP BY t");
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    /// <summary>Whether any customer of the tenant holds <paramref name="tag"/> (ordinal). One index probe (GIN index on <c>tags</c>).</summary>
    public async Task<bool> IsHeldAsync(string tenant, string tag, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM pdg_customer_directory d WHERE d.tenant = $1 AND d.tags @> ARRAY[$2])");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = tag });
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// How many of the tenant's customers hold two or more of <paramref name="tags"/> (ordinal): those an exclusive group
    /// of these tags would not allow. Reads the directory rows holding any of them (GIN index on <c>tags</c>).
    /// </summary>
    public async Task<long> CountHoldingSeveralAsync(string tenant, IReadOnlyCollection<string> tags, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM pdg_customer_directory d WHERE d.tenant = $1 AND d.tags && $2 " +
            "AND (SELECT count(*) FROM unnest(d.tags) AS t WHERE t = ANY($2)) >= 2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = tags.ToArray() });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
