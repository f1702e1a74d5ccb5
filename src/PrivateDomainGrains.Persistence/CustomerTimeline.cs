using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// A customer's complete timeline, newest first: its events (the journal), the nudges raised about it and how each
/// closed (the inbox), and the changes that are not events (<c>pdg_customer_changes</c>: tags, owner, tier, fields).
/// Paged by (time, key): the key orders entries of the same instant and makes the cursor exact. Within one instant the
/// key puts what an event caused after the event: the event (<c>e</c>), the changes it made (<c>f</c>), the nudges it
/// raised (<c>n</c>), so that newest first reads the consequences above their cause.
/// </summary>
public sealed class CustomerTimeline(NpgsqlDataSource dataSource)
{
    public const int MaxPageSize = 200;

    private const string Query = """
        SELECT at, kind, key, id, what, channel, staff_id, text, detail FROM (
            SELECT occurred_at AS at, 'event' AS kind, 'e' || lpad(seq::text, 20, '0') AS key, event_id AS id, type AS what,
                   channel, staff_id, body AS text, data::text AS detail
            FROM pdg_event_journal WHERE tenant = $1 AND customer_id = $2
            UNION ALL
            SELECT created_at, 'nudge-raised', 'n' || nudge_id || '1', nudge_id, kind, NULL, staff_id, title,
                   json_build_object('reason', reason, 'source', source, 'text', body)::text
            FROM pdg_nudges WHERE tenant = $1 AND customer_id = $2
            UNION ALL
            SELECT acked_at, 'nudge-closed', 'n' || nudge_id || '2', nudge_id, coalesce(closed_how, 'closed'), NULL,
                   coalesce(closed_by, staff_id), title, json_build_object('by', closed_by)::text
            FROM pdg_nudges WHERE tenant = $1 AND customer_id = $2 AND acked_at IS NOT NULL
            UNION ALL
            SELECT at, 'change', 'f' || lpad(id::text, 20, '0'), id::text, kind, NULL, NULL, NULL, detail::text
            FROM pdg_customer_changes WHERE tenant = $1 AND customer_id = $2
        ) entries
        WHERE (at, key) < ($3, $4)
        ORDER BY at DESC, key DESC
        LIMIT $5
        """;

    /// <summary>
    /// Up to <paramref name="limit"/> entries before <paramref name="before"/> (null: from the newest), and whether more
    /// follow.
    /// </summary>
    public async Task<(List<TimelineEntry> Entries, bool More)> PageAsync(string tenant, string customerId, TimelineCursor? before, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(Query);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = customerId });
        command.Parameters.Add(new() { Value = (before?.At ?? DateTimeOffset.MaxValue).UtcDateTime });
        command.Parameters.Add(new() { Value = before?.Key ?? "~" });
        command.Parameters.Add(new() { Value = limit + 1 });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var entries = new List<TimelineEntry>();
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new TimelineEntry(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        var more = entries.Count > limit;
        if (more) entries.RemoveAt(entries.Count - 1);
        return (entries, more);
    }
}

/// <summary>
/// One entry of a customer's timeline. <see cref="Kind"/>: <c>event</c> (<see cref="What"/> is the event type),
/// <c>nudge-raised</c> (the nudge kind), <c>nudge-closed</c> (how: done, not-useful, done-by-action, obsolete, expired),
/// <c>change</c> (tag-added, tag-removed, owner-changed, tier-changed, field-set). <see cref="Detail"/> is JSON: the
/// event's data, the nudge's reason, the change's particulars.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Key, string Id, string What, string? Channel, string? StaffId, string? Text, string? Detail)
{
    public TimelineCursor Cursor => new(At, Key);
}

/// <summary>Where a timeline page ended: the last entry's time and key.</summary>
public sealed record TimelineCursor(DateTimeOffset At, string Key);
