using System.Text.Json;
using Npgsql;
using PrivateDomainGrains.Core.Segments;

namespace PrivateDomainGrains.Persistence.Segments;

/// <summary>
/// Who a count or listing is over: the staff ids of the filter's teams as the roster has them now, and the owners whose
/// customers the caller may see (null: every customer; otherwise theirs and the unowned, as a manager sees them).
/// </summary>
public sealed record SegmentScope(IReadOnlyCollection<string> TeamMembers, string[]? VisibleOwners = null);

/// <summary>A segment member as the directory has it.</summary>
/// <param name="LastOrderAt">When the latest paid order was placed (the recency score follows from it).</param>
/// <param name="LifetimeValue">Per ISO 4217 currency; never added across currencies.</param>
public sealed record SegmentMemberRow(string CustomerId, string? DisplayName, string? Owner, string[] Tags, string Tier, string Status,
    DateTimeOffset? LastInteractionAt, int OpenNudges, int Orders, DateTimeOffset? LastOrderAt, int MonetaryScore,
    IReadOnlyDictionary<string, decimal> LifetimeValue);

/// <summary>
/// Counts and lists a segment's members from the customer directory (<c>pdg_customer_directory</c>), never touching the
/// customers themselves. Pages are in customer id order (the primary key), keyset by the last id: a member list of a
/// million is paged without offsets, and a count taken with the same <c>now</c> agrees with the pages.
/// </summary>
public sealed class SegmentMembers(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 500;

    /// <summary>How many customers of <paramref name="tenant"/> meet <paramref name="filter"/> as of <paramref name="now"/>.</summary>
    public async Task<long> CountAsync(string tenant, SegmentFilter filter, SegmentScope scope, DateTimeOffset now, CancellationToken ct = default)
    {
        var sql = new SegmentSql(tenant, filter, scope, now);
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM pdg_customer_directory d WHERE {sql.Where}");
        command.Parameters.AddRange(sql.Parameters.ToArray());
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Up to <paramref name="limit"/> members with ids after <paramref name="afterCustomerId"/>, and whether more follow.</summary>
    public async Task<(List<SegmentMemberRow> Members, bool More)> PageAsync(string tenant, SegmentFilter filter, SegmentScope scope,
        DateTimeOffset now, string? afterCustomerId, int limit, CancellationToken ct = default)
    {
        var sql = new SegmentSql(tenant, filter, scope, now);
        var parameters = sql.Parameters;
        var after = "";
        if (afterCustomerId is not null)
        {
            parameters.Add(new() { Value = afterCustomerId });
            after = $" AND d.customer_id > ${parameters.Count}";
        }
        parameters.Add(new() { Value = limit + 1 });
        await using var command = dataSource.CreateCommand($"""
            SELECT d.customer_id, d.display_name, d.owner, d.tags, d.tier, d.status, d.last_interaction_at, d.open_nudges,
                d.orders, d.last_order_at, d.monetary_score, d.lifetime_value::text
            FROM pdg_customer_directory d WHERE {sql.Where}{after} ORDER BY d.customer_id LIMIT ${parameters.Count}
            """);
        command.Parameters.AddRange(parameters.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var members = new List<SegmentMemberRow>();
        while (await reader.ReadAsync(ct))
        {
            members.Add(new SegmentMemberRow(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<string[]>(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetDateTime(6), TimeSpan.Zero), reader.GetInt32(7), reader.GetInt32(8),
                reader.IsDBNull(9) ? null : new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero), reader.GetInt16(10),
                JsonSerializer.Deserialize<Dictionary<string, decimal>>(reader.GetString(11))!));
        }
        var more = members.Count > limit;
        if (more) members.RemoveAt(members.Count - 1);
        return (members, more);
    }
}
