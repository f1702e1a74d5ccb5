using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>One notification for one subscription, as stored in <c>pdg_webhook_deliveries</c> (the outbox and the delivery log).</summary>
/// <param name="Id">Orders the notifications of a tenant as they were committed.</param>
/// <param name="NotificationId">The same for every subscription and every attempt: what receivers deduplicate on.</param>
/// <param name="Data">The notification's JSON object.</param>
/// <param name="State"><c>pending</c>, <c>delivered</c> or <c>failed</c> (retried for the whole retry period without success).</param>
/// <param name="Failures">Failed attempts since it was written or last replayed.</param>
/// <param name="LastStatus">The receiver's HTTP status at the last attempt; null when no answer came (see <see cref="LastError"/>).</param>
public sealed record WebhookDeliveryRow(
    long Id,
    string Tenant,
    string SubscriptionId,
    string NotificationId,
    string Type,
    string? CustomerId,
    DateTimeOffset OccurredAt,
    string Data,
    string State,
    DateTimeOffset ScheduledAt,
    DateTimeOffset NextAttemptAt,
    int Attempts,
    int Failures,
    DateTimeOffset? LastAttemptAt,
    int? LastStatus,
    string? LastError,
    DateTimeOffset? DeliveredAt);

/// <summary>A claimed delivery with where to send it and the subscription's protected secret.</summary>
public sealed record ClaimedDelivery(WebhookDeliveryRow Delivery, string Url, string ProtectedSecret);

/// <summary>
/// <c>pdg_webhook_deliveries</c>: the outbox the group commit writes (see <c>WebhookStatements</c>) and the
/// dispatchers drain. Claims take due rows of enabled subscriptions with <c>FOR UPDATE SKIP LOCKED</c> and lease them by
/// moving <c>next_attempt_at</c> past the attempt, so nodes never send a row at once and a node that dies mid-attempt
/// leaves it to be claimed again after the lease (at least once).
/// </summary>
public sealed class WebhookDeliveries(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        d.id, d.tenant, d.subscription_id, d.notification_id, d.type, d.customer_id, d.occurred_at, d.data::text, d.state, d.scheduled_at,
        d.next_attempt_at, d.attempts, d.failures, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at
        """;

    private const int ColumnCount = 17;

    /// <summary>
    /// Writes notifications that no stored change carries (an identity conflict refuses its event, so nothing else is
    /// written for it): one row per enabled subscription of <paramref name="tenant"/> taking <paramref name="type"/>
    /// (exactly, by family or <c>*</c>). A notification id the subscription has already had adds nothing.
    /// </summary>
    /// <param name="notifications">Id, customer (or null), when it happened and the data as a JSON object.</param>
    public async Task NotifyAsync(string tenant, string type, IReadOnlyList<(string NotificationId, string? CustomerId, DateTimeOffset At, string Data)> notifications,
        CancellationToken ct = default)
    {
        if (notifications.Count == 0) return;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO pdg_webhook_deliveries (tenant, subscription_id, notification_id, type, customer_id, occurred_at, data)
            SELECT s.tenant, s.subscription_id, n.id, $2, n.customer_id, n.at, n.data
            FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::jsonb[]) AS n(id, customer_id, at, data)
            JOIN pdg_webhook_subscriptions s ON s.tenant = $1 AND s.enabled
                AND ($2 = ANY (s.event_types) OR split_part($2, '.', 1) || '.*' = ANY (s.event_types) OR '*' = ANY (s.event_types))
            ON CONFLICT (tenant, subscription_id, notification_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = type });
        command.Parameters.Add(Statements.Parameters.Text(notifications.Select(n => n.NotificationId)));
        command.Parameters.Add(Statements.Parameters.Text(notifications.Select(n => n.CustomerId)));
        command.Parameters.Add(Statements.Parameters.Timestamps(notifications.Select(n => n.At)));
        command.Parameters.Add(Statements.Parameters.Jsonb(notifications.Select(n => n.Data)));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Claims up to <paramref name="limit"/> due deliveries of enabled subscriptions, oldest due first, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH due AS (
                SELECT d.id FROM pdg_webhook_deliveries d
                JOIN pdg_webhook_subscriptions s ON s.tenant = d.tenant AND s.subscription_id = d.subscription_id
                WHERE d.state = 'pending' AND d.next_attempt_at <= now() AND s.enabled
                ORDER BY d.next_attempt_at, d.id
                LIMIT $1
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE pdg_webhook_deliveries d SET next_attempt_at = now() + $2
            FROM due, pdg_webhook_subscriptions s
            WHERE d.id = due.id AND s.tenant = d.tenant AND s.subscription_id = d.subscription_id
            RETURNING {Columns}, s.url, s.secret
            """);
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(lease);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) claimed.Add(new ClaimedDelivery(Read(reader), reader.GetString(ColumnCount), reader.GetString(ColumnCount + 1)));
        return [.. claimed.OrderBy(c => c.Delivery.Id)];
    }

    /// <summary>
    /// The receivers took these (2xx, with the status each answered): delivered; their subscriptions' failures are
    /// forgotten. One round trip for a whole claim's successes.
    /// </summary>
    public async Task RecordSuccessesAsync(IReadOnlyList<(WebhookDeliveryRow Delivery, int Status)> delivered, CancellationToken ct)
    {
        var subscriptions = delivered.Select(d => (d.Delivery.Tenant, d.Delivery.SubscriptionId)).Distinct().ToList();
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE pdg_webhook_deliveries d SET state = 'delivered', delivered_at = now(), attempts = d.attempts + 1, last_attempt_at = now(),
                last_status = u.status, last_error = NULL
            FROM unnest($1::bigint[], $2::integer[]) AS u(id, status)
            WHERE d.id = u.id
            """) { Parameters = { new() { Value = delivered.Select(d => d.Delivery.Id).ToArray() }, new() { Value = delivered.Select(d => d.Status).ToArray() } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE pdg_webhook_subscriptions s SET consecutive_failures = 0, failing_since = NULL, last_success_at = now()
            FROM unnest($1::text[], $2::text[]) AS u(tenant, subscription_id)
            WHERE s.tenant = u.tenant AND s.subscription_id = u.subscription_id
            """) { Parameters = { new() { Value = subscriptions.Select(s => s.Tenant).ToArray() }, new() { Value = subscriptions.Select(s => s.SubscriptionId).ToArray() } } });
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How much of an attempt's error is kept: a receiver chooses its reason phrase, and may make it as long as a header may be.</summary>
    public const int MaxErrorLength = 300;

    /// <summary>An attempt's error as it is stored and logged: at most <see cref="MaxErrorLength"/> characters, an ellipsis marking a cut.</summary>
    public static string BoundedError(string error) => error.Length <= MaxErrorLength ? error : string.Concat(error.AsSpan(0, MaxErrorLength - 1), "…");

    /// <summary>
    /// An attempt failed (<paramref name="status"/> null: no answer; <paramref name="error"/> kept as <see cref="BoundedError"/>). The delivery is tried again after
    /// <paramref name="retryIn"/>, or marked failed when <paramref name="retryFor"/> has passed since it was scheduled.
    /// The subscription is disabled when this makes <paramref name="disableAfterFailures"/> failures in a row over at
    /// least <paramref name="disableAfterFailingFor"/>, and the tenant's other subscriptions that take
    /// <c>webhook.disabled</c> get a notification of it. Returns whether this attempt disabled it.
    /// </summary>
    public async Task<bool> RecordFailureAsync(WebhookDeliveryRow delivery, int? status, string error, TimeSpan retryIn, TimeSpan retryFor,
        int disableAfterFailures, TimeSpan disableAfterFailingFor, CancellationToken ct)
    {
        const string Disable = "(enabled AND consecutive_failures + 1 >= $3 AND now() - coalesce(failing_since, now()) >= $4)";
        error = BoundedError(error);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE pdg_webhook_deliveries SET attempts = attempts + 1, failures = failures + 1, last_attempt_at = now(), last_status = $2, last_error = $3,
                state = CASE WHEN now() >= scheduled_at + $5 THEN 'failed' ELSE 'pending' END, next_attempt_at = now() + $4
            WHERE id = $1
            """)
        {
            Parameters =
            {
                new() { Value = delivery.Id }, new() { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer },
                new() { Value = error }, new() { Value = retryIn }, new() { Value = retryFor },
            },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            UPDATE pdg_webhook_subscriptions SET
                disabled_at = CASE WHEN {Disable} THEN now() ELSE disabled_at END,
                disabled_reason = CASE WHEN {Disable} THEN format('%s failed attempts in a row since %s; the last: %s', consecutive_failures + 1,
                    coalesce(failing_since, now()), $5) ELSE disabled_reason END,
                enabled = enabled AND NOT {Disable},
                consecutive_failures = consecutive_failures + 1,
                failing_since = coalesce(failing_since, now())
            WHERE tenant = $1 AND subscription_id = $2
            RETURNING disabled_at IS NOT NULL AND disabled_at = now()
            """)
        {
            Parameters =
            {
                new() { Value = delivery.Tenant }, new() { Value = delivery.SubscriptionId }, new() { Value = disableAfterFailures },
                new() { Value = disableAfterFailingFor }, new() { Value = error },
            },
        });
        // The tenant's other subscriptions that take webhook.disabled hear of it (the owner told), in the same transaction.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO pdg_webhook_deliveries (tenant, subscription_id, notification_id, type, customer_id, occurred_at, data)
            SELECT o.tenant, o.subscription_id, 'webhook.disabled:' || d.subscription_id || ':' || extract(epoch FROM d.disabled_at)::bigint,
                'webhook.disabled', NULL, d.disabled_at,
                jsonb_build_object('webhookId', d.subscription_id, 'url', d.url, 'disabledReason', d.disabled_reason, 'disabledAt', d.disabled_at)
            FROM pdg_webhook_subscriptions d
            JOIN pdg_webhook_subscriptions o ON o.tenant = d.tenant AND o.subscription_id <> d.subscription_id AND o.enabled
                AND ('webhook.disabled' = ANY (o.event_types) OR 'webhook.*' = ANY (o.event_types) OR '*' = ANY (o.event_types))
            WHERE d.tenant = $1 AND d.subscription_id = $2 AND NOT d.enabled AND d.disabled_at = now()
            ON CONFLICT (tenant, subscription_id, notification_id) DO NOTHING
            """) { Parameters = { new() { Value = delivery.Tenant }, new() { Value = delivery.SubscriptionId } } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await reader.ReadAsync(ct) && reader.GetBoolean(0);
    }

    /// <summary>A subscription's deliveries, newest first, with ids below <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListAsync(string tenant, string subscriptionId, long? before, int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM pdg_webhook_deliveries d
            WHERE d.tenant = $1 AND d.subscription_id = $2 AND ($3::bigint IS NULL OR d.id < $3)
            ORDER BY d.id DESC LIMIT $4
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)before ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.AddWithValue(limit);
        var rows = new List<WebhookDeliveryRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        return rows;
    }

    /// <summary>
    /// Sends a delivery again, whatever its state: pending now, with a fresh retry period and no failures counted
    /// (its attempts stay counted). Null when the subscription has no such delivery.
    /// </summary>
    public async Task<WebhookDeliveryRow?> ReplayAsync(string tenant, string subscriptionId, long id, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE pdg_webhook_deliveries d SET state = 'pending', scheduled_at = now(), next_attempt_at = now(), failures = 0, delivered_at = NULL
            WHERE d.tenant = $1 AND d.subscription_id = $2 AND d.id = $3
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Deliveries still pending in the outbox, all tenants (the operator's outbox depth; read through the partial index on pending rows).</summary>
    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pdg_webhook_deliveries WHERE state = 'pending'");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Deletes delivered and failed rows last attempted before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pdg_webhook_deliveries WHERE state <> 'pending' AND last_attempt_at < $1");
        command.Parameters.AddWithValue(before);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static WebhookDeliveryRow Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<DateTimeOffset>(10),
        r.GetInt32(11), r.GetInt32(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetInt32(14),
        r.IsDBNull(15) ? null : r.GetString(15), r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16));
}
