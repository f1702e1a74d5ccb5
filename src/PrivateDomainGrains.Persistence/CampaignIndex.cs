using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>Which campaigns a tenant has (<c>pdg_campaigns</c>, <c>deploy/sql/0036_campaigns.sql</c>); their state is in their grains.</summary>
public sealed class CampaignIndex(NpgsqlDataSource dataSource)
{
    /// <summary>Records <paramref name="campaignId"/> (again: nothing changes).</summary>
    public async Task AddAsync(string tenant, string campaignId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pdg_campaigns (tenant, campaign_id) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = campaignId });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The tenant's campaign ids, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<List<string>> ListAsync(string tenant, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT campaign_id FROM pdg_campaigns WHERE tenant = $1 ORDER BY created_at DESC, campaign_id LIMIT $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = limit });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }
}
