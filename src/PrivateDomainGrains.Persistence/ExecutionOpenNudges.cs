using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// What the execution reports read from the nudge table itself: the nudges still open now (the rollups count how nudges
/// closed, not what is waiting). Both queries read only open nudges (<c>acked_at IS NULL</c>), through the partial
/// index <c>pdg_nudges_open_by_age</c> (<c>deploy/sql/0030_execution_reports.sql</c>): the counts in an index-only scan,
/// the drill-down in age order; open nudges close within their expiry, so their number stays bounded however many
/// nudges a tenant has had.
/// </summary>
public sealed class ExecutionOpenNudges(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The open nudges raised from <paramref name="from"/> to <paramref name="to"/> (days in the tenant's time zone,
    /// inclusive), per raised day, staff member, source and variant: how many are open, how many of them are snoozed
    /// at <paramref name="now"/>, and how many are overdue (open, not snoozed, raised at or before <paramref name="overdueBefore"/>).
    /// <paramref name="staffIds"/> null: every staff member (and the unassigned queue, staff ''). Added up in PostgreSQL
    /// per the dimensions <paramref name="keep"/> names, as <see cref="ExecutionRollups.ReadAsync"/> does: a dimension
    /// not kept comes back as <paramref name="from"/> (day) or "".
    /// </summary>
    public async Task<List<OpenNudgeCount>> CountAsync(string tenant, DateOnly from, DateOnly to, DateTimeOffset now, DateTimeOffset overdueBefore,
        RollupDimensions keep, IReadOnlyCollection<string>? staffIds, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {(keep.HasFlag(RollupDimensions.Day) ? "raised_day" : "$2::date")}, {(keep.HasFlag(RollupDimensions.Staff) ? "staff_id" : "''")},
                {(keep.HasFlag(RollupDimensions.Source) ? "coalesce(source, '')" : "''")}, {(keep.HasFlag(RollupDimensions.Variant) ? "coalesce(variant, '')" : "''")}, count(*),
                count(*) FILTER (WHERE snoozed_until > $4),
                count(*) FILTER (WHERE (snoozed_until IS NULL OR snoozed_until <= $4) AND created_at <= $5)
            FROM pdg_nudges
            WHERE tenant = $1 AND acked_at IS NULL AND raised_day BETWEEN $2 AND $3 AND ($6::text[] IS NULL OR staff_id = ANY($6))
              AND created_at >= $7 AND created_at < $8
            GROUP BY 1, 2, 3, 4
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = from });
        command.Parameters.Add(new() { Value = to });
        command.Parameters.Add(new() { Value = now.UtcDateTime });
        command.Parameters.Add(new() { Value = overdueBefore.UtcDateTime });
        command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        // The raised day is in the tenant's time zone (UTC-12 to UTC+14): a day's nudges were created within a day of its UTC dates.
        command.Parameters.Add(new() { Value = from.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
        command.Parameters.Add(new() { Value = to.AddDays(2).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var counts = new List<OpenNudgeCount>();
        while (await reader.ReadAsync(ct))
            counts.Add(new OpenNudgeCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)));
        return counts;
    }

    /// <summary>
    /// The overdue nudges now, oldest first, at most <paramref name="limit"/>: open, not snoozed at <paramref name="now"/>,
    /// raised at or before <paramref name="overdueBefore"/>, of <paramref name="staffIds"/> (null: everyone), with the
    /// customer's display name when the directory has one.
    /// </summary>
    public async Task<List<OverdueNudge>> ReadOverdueAsync(string tenant, DateTimeOffset now, DateTimeOffset overdueBefore,
        IReadOnlyCollection<string>? staffIds, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT n.nudge_id, n.staff_id, n.customer_id, d.display_name, n.title, coalesce(n.source, ''), coalesce(n.variant, ''), n.created_at, n.expires_at
            FROM pdg_nudges n
            LEFT JOIN pdg_customer_directory d ON d.tenant = n.tenant AND d.customer_id = n.customer_id
            WHERE n.tenant = $1 AND n.acked_at IS NULL AND (n.snoozed_until IS NULL OR n.snoozed_until <= $2) AND n.created_at <= $3
              AND ($4::text[] IS NULL OR n.staff_id = ANY($4))
            ORDER BY n.created_at, n.nudge_id
            LIMIT $5
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = now.UtcDateTime });
        command.Parameters.Add(new() { Value = overdueBefore.UtcDateTime });
        command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var nudges = new List<OverdueNudge>();
        while (await reader.ReadAsync(ct))
            nudges.Add(new OverdueNudge(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8)));
        return nudges;
    }
}

/// <summary>Open nudges of one raised day, staff member, source and variant: open, snoozed now, overdue now.</summary>
public sealed record OpenNudgeCount(DateOnly Day, string StaffId, string Source, string Variant, long Open, long Snoozed, long Overdue);

/// <summary>One overdue nudge: whose it is, about which customer, what it asks, and since when.</summary>
public sealed record OverdueNudge(string NudgeId, string StaffId, string CustomerId, string? CustomerName, string Title, string Source,
    string Variant, DateTimeOffset RaisedAt, DateTimeOffset? ExpiresAt);
