using Npgsql;
using PrivateDomainGrains.Core.Events;
using static PrivateDomainGrains.Persistence.Statements.Parameters;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The pending pool (<c>pdg_identity_pending</c>, deploy/sql/0016): events that named their customer only by
/// identities nobody holds yet, or only by a nickname. Durable before ingestion answers; an event id is kept once per
/// tenant. A pending event is settled once: attached to a customer or dismissed.
/// </summary>
public sealed class IdentityPendingPool(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        event_id, type, at, channel, staff_id, body, data::text, backfill, identity_keys, nickname, reason, state,
        customer_id, received_at, settled_at, settled_by
        """;

    /// <summary>
    /// Stores the events in one statement; returns the ids that were new (the others were in the pool already). Each
    /// new order event (<c>order.*</c>) is an <c>order.unmatched</c> webhook notification, written by the same statement.
    /// </summary>
    public async Task<HashSet<string>> AddAsync(string tenant, IReadOnlyList<PendingEventRow> rows, CancellationToken ct = default)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count == 0) return added;
        await using var command = dataSource.CreateCommand($"""
            WITH added AS (
                INSERT INTO pdg_identity_pending (tenant, event_id, type, at, channel, staff_id, body, data, backfill, identity_keys, nickname, reason)
                SELECT $1, r.event_id, r.type, r.at, r.channel, r.staff_id, r.body, r.data, r.backfill, r.keys::text[], r.nickname, r.reason
                FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[],
                    $9::boolean[], $10::text[], $11::text[], $12::text[]) AS r(event_id, type, at, channel, staff_id, body, data, backfill, keys, nickname, reason)
                ON CONFLICT (tenant, event_id) DO NOTHING
                RETURNING tenant, event_id, type, at, staff_id, data, reason, received_at),
            notified AS ({Notify("added", "order.unmatched", "NULL", "p.received_at", "'reason', p.reason")})
            SELECT event_id FROM added
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(Text(rows.Select(r => r.Event.Id)));
        command.Parameters.Add(Text(rows.Select(r => r.Event.Type)));
        command.Parameters.Add(Timestamps(rows.Select(r => r.Event.At)));
        command.Parameters.Add(Text(rows.Select(r => r.Event.Channel)));
        command.Parameters.Add(Text(rows.Select(r => r.Event.StaffId)));
        command.Parameters.Add(Text(rows.Select(r => r.Event.Text)));
        command.Parameters.Add(Jsonb(rows.Select(r => JournalData.ToJson(r.Event.Data))));
        command.Parameters.Add(Booleans(rows.Select(r => r.Backfill)));
        command.Parameters.Add(TextArrays(rows.Select(r => r.IdentityKeys.ToArray())));
        command.Parameters.Add(Text(rows.Select(r => r.Nickname)));
        command.Parameters.Add(Text(rows.Select(r => r.Reason)));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) added.Add(reader.GetString(0));
        return added;
    }

    /// <summary>Pending events carrying any of <paramref name="identityKeys"/> (<c>kind=value</c>), oldest first.</summary>
    public async Task<List<PendingEventRow>> FindPendingAsync(string tenant, IReadOnlyCollection<string> identityKeys, CancellationToken ct = default)
    {
        if (identityKeys.Count == 0) return [];
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM pdg_identity_pending
            WHERE tenant = $1 AND state = 'pending' AND identity_keys && $2::text[]
            ORDER BY received_at, event_id
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = identityKeys.ToArray() });
        return await ReadAsync(tenant, command, ct);
    }

    /// <summary>One event of the pool, in whatever state, or null.</summary>
    public async Task<PendingEventRow?> GetAsync(string tenant, string eventId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_identity_pending WHERE tenant = $1 AND event_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = eventId });
        return (await ReadAsync(tenant, command, ct)).SingleOrDefault();
    }

    /// <summary>
    /// Up to <paramref name="limit"/> events in <paramref name="state"/>, oldest first, after the event
    /// (<paramref name="afterReceivedAt"/>, <paramref name="afterEventId"/>) of the previous page. With
    /// <paramref name="staffIds"/>, only the events naming one of them or naming no staff member (a manager's team:
    /// filtered here, before the limit, so a page is full and the cursor exact); null for the whole tenant.
    /// </summary>
    public async Task<List<PendingEventRow>> PageAsync(string tenant, string state, DateTimeOffset? afterReceivedAt, string? afterEventId, int limit,
        IReadOnlyCollection<string>? staffIds = null, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM pdg_identity_pending
            WHERE tenant = $1 AND state = $2 AND ($3::timestamptz IS NULL OR (received_at, event_id) > ($3, $4))
                AND ($6::text[] IS NULL OR staff_id IS NULL OR staff_id = ANY ($6))
            ORDER BY received_at, event_id LIMIT $5
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = state });
        command.Parameters.Add(new() { Value = (object?)afterReceivedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)afterEventId ?? "", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        command.Parameters.Add(new() { Value = (object?)staffIds?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        return await ReadAsync(tenant, command, ct);
    }

    /// <summary>
    /// Settles a pending event (attached to <paramref name="customerId"/>, or dismissed); false when it was not pending.
    /// An order event attached is an <c>order.attached</c> webhook notification, written by the same statement.
    /// </summary>
    public async Task<bool> SettleAsync(string tenant, string eventId, string state, string? customerId, string settledBy, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH settled AS (
                UPDATE pdg_identity_pending SET state = $3, customer_id = $4, settled_at = now(), settled_by = $5
                WHERE tenant = $1 AND event_id = $2 AND state = 'pending'
                RETURNING tenant, event_id, type, at, staff_id, data, customer_id, settled_by, settled_at),
            notified AS ({Notify("settled", "order.attached", "p.customer_id", "p.settled_at", "'customerId', p.customer_id, 'settledBy', p.settled_by")})
            SELECT count(*) FROM settled
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = eventId });
        command.Parameters.Add(new() { Value = state });
        command.Parameters.Add(new() { Value = (object?)customerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = settledBy });
        return (long)(await command.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>
    /// The outbox rows (<c>pdg_webhook_deliveries</c>) of the order events (<c>order.*</c>) of <paramref name="source"/>
    /// (a CTE of pool rows, here <c>p</c>) entering or leaving the pool, one per enabled subscription of the tenant taking
    /// <paramref name="type"/>. Data: eventId, eventType, at, staffId, the event's data and <paramref name="extra"/>.
    /// The notification id is the type and the event id: once per event.
    /// </summary>
    private static string Notify(string source, string type, string customerId, string occurredAt, string extra) => $"""
        INSERT INTO pdg_webhook_deliveries (tenant, subscription_id, notification_id, type, customer_id, occurred_at, data)
        SELECT s.tenant, s.subscription_id, '{type}:' || p.event_id, '{type}', {customerId}, {occurredAt},
            jsonb_build_object('eventId', p.event_id, 'eventType', p.type, 'at', p.at, 'staffId', p.staff_id, 'data', p.data, {extra})
        FROM {source} p
        JOIN pdg_webhook_subscriptions s ON s.tenant = p.tenant AND s.enabled
            AND ('{type}' = ANY (s.event_types) OR 'order.*' = ANY (s.event_types) OR '*' = ANY (s.event_types))
        WHERE p.type LIKE 'order.%'
        ON CONFLICT (tenant, subscription_id, notification_id) DO NOTHING
        """;

    private static async Task<List<PendingEventRow>> ReadAsync(string tenant, NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<PendingEventRow>();
        while (await reader.ReadAsync(ct))
        {
            string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            var e = new CustomerEvent(reader.GetString(0), "", reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), Nullable(3), Nullable(4),
                Nullable(5), JournalData.FromJson(Nullable(6)));
            rows.Add(new PendingEventRow(tenant, e, reader.GetBoolean(7), reader.GetFieldValue<string[]>(8), Nullable(9), reader.GetString(10),
                reader.GetString(11), Nullable(12), reader.GetFieldValue<DateTimeOffset>(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), Nullable(15)));
        }
        return rows;
    }
}
