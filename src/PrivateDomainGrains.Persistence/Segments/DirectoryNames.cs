using Npgsql;

namespace PrivateDomainGrains.Persistence.Segments;

/// <summary>
/// Which owners and custom fields the customer directory holds: a segment filter naming an owner or a field no roster,
/// playbook or customer knows is refused (a misspelt one would silently select no one).
/// </summary>
public sealed class DirectoryNames(NpgsqlDataSource dataSource)
{
    /// <summary>Those of <paramref name="owners"/> that own no customer of the tenant. One probe of the owner index each.</summary>
    public async Task<HashSet<string>> UnheldOwnersAsync(string tenant, IReadOnlyCollection<string> owners, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT o FROM unnest($2::text[]) AS o WHERE NOT EXISTS (SELECT 1 FROM pdg_customer_directory d WHERE d.tenant = $1 AND d.owner = o)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = owners.ToArray() });
        return await ReadAsync(command, ct);
    }

    /// <summary>
    /// Those of <paramref name="fields"/> that no customer of the tenant holds. A field held by some customer is found
    /// at the first such row; one held by none reads the tenant's rows (no index answers "has this key").
    /// </summary>
    public async Task<HashSet<string>> UnheldFieldsAsync(string tenant, IReadOnlyCollection<string> fields, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT f FROM unnest($2::text[]) AS f WHERE NOT EXISTS (SELECT 1 FROM pdg_customer_directory d WHERE d.tenant = $1 AND d.fields ? f)");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = fields.ToArray() });
        return await ReadAsync(command, ct);
    }

    private static async Task<HashSet<string>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }
}
