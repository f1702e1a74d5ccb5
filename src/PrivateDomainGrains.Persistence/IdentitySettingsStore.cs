using Npgsql;
using NpgsqlTypes;

namespace PrivateDomainGrains.Persistence;

/// <summary>A tenant's identity settings (<c>pdg_identity_settings</c>, deploy/sql/0017).</summary>
/// <param name="DefaultRegion">ISO 3166 alpha-2 region national phone numbers are read in.</param>
/// <param name="CreateCustomerOn">Event types that create a customer for an identity nobody holds.</param>
public sealed record IdentitySettingsRow(string DefaultRegion, IReadOnlyList<string> CreateCustomerOn, DateTimeOffset UpdatedAt);

/// <summary>Reads and writes tenants' identity settings; a tenant without a row has none (the node's defaults apply).</summary>
public sealed class IdentitySettingsStore(NpgsqlDataSource dataSource)
{
    public async Task<IdentitySettingsRow?> GetAsync(string tenant, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT default_region, create_customer_on, updated_at FROM pdg_identity_settings WHERE tenant = $1");
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new IdentitySettingsRow(reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    /// <summary>Stores the tenant's settings, replacing what it had; returns them as stored.</summary>
    public async Task<IdentitySettingsRow> PutAsync(string tenant, string defaultRegion, IReadOnlyList<string> createCustomerOn, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pdg_identity_settings (tenant, default_region, create_customer_on) VALUES ($1, $2, $3)
            ON CONFLICT (tenant) DO UPDATE SET default_region = excluded.default_region, create_customer_on = excluded.create_customer_on, updated_at = now()
            RETURNING updated_at
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = defaultRegion });
        command.Parameters.Add(new() { Value = createCustomerOn.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var updatedAt = (DateTime)(await command.ExecuteScalarAsync(ct))!;
        return new IdentitySettingsRow(defaultRegion, createCustomerOn, new DateTimeOffset(updatedAt, TimeSpan.Zero));
    }
}
