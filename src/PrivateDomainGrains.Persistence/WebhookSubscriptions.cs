using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>A tenant's webhook subscription as stored in <c>pdg_webhook_subscriptions</c>.</summary>
/// <param name="Secret">The signing secret as protected by the host (never in clear here).</param>
/// <param name="EventTypes">Exact types (<c>nudge.raised</c>), families (<c>customer.*</c>) or <c>*</c>.</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last delivery that succeeded.</param>
public sealed record WebhookSubscriptionRow(
    string Tenant,
    string SubscriptionId,
    string Url,
    string[] EventTypes,
    string? Description,
    string Secret,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A create or an update: the row written, or why nothing was.</summary>
/// <param name="SameUrl">The tenant's other subscription to the same URL (as the caller's key tells URLs apart): nothing was written.</param>
/// <param name="Full">The tenant has as many subscriptions as it may: nothing was created.</param>
public sealed record WebhookSubscriptionWrite(WebhookSubscriptionRow? Row, WebhookSubscriptionRow? SameUrl = null, bool Full = false);

/// <summary>
/// <c>pdg_webhook_subscriptions</c>: create, read, change, delete a tenant's subscriptions. Deleting one deletes its
/// deliveries (its log and whatever was still pending). Creating or enabling one answers <see cref="WebhookTenants.MaxAge"/>
/// after it committed: by then every node's group commit knows the tenant subscribes, so every change committed after the
/// answer is notified.
/// </summary>
public sealed class WebhookSubscriptions(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        tenant, subscription_id, url, event_types, description, secret, enabled, disabled_reason, disabled_at, consecutive_failures,
        failing_since, last_success_at, created_at, updated_at
        """;

    /// <summary>
    /// Creates the subscription unless the tenant has one to the same URL (<paramref name="urlKey"/> tells URLs apart) or
    /// <paramref name="maxPerTenant"/> already. A tenant's creates and URL changes take turns (a transaction-scoped advisory
    /// lock on the tenant), so two sent at once cannot both pass these checks.
    /// </summary>
    public async Task<WebhookSubscriptionWrite> CreateAsync(string tenant, string subscriptionId, string url, string[] eventTypes, string? description,
        string protectedSecret, int maxPerTenant, Func<string, string> urlKey, CancellationToken ct)
    {
        WebhookSubscriptionRow created;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            var existing = await LockTenantAsync(connection, tenant, ct);
            if (SameUrl(existing, subscriptionId, url, urlKey) is { } same) return new(null, same);
            if (existing.Count >= maxPerTenant) return new(null, Full: true);
            await using var command = new NpgsqlCommand($"""
                INSERT INTO pdg_webhook_subscriptions (tenant, subscription_id, url, event_types, description, secret)
                VALUES ($1, $2, $3, $4, $5, $6) RETURNING {Columns}
                """, connection);
            command.Parameters.AddWithValue(tenant);
            command.Parameters.AddWithValue(subscriptionId);
            command.Parameters.AddWithValue(url);
            command.Parameters.AddWithValue(eventTypes);
            command.Parameters.AddWithValue((object?)description ?? DBNull.Value);
            command.Parameters.AddWithValue(protectedSecret);
            created = (await ReadAsync(command, ct))[0];
            await transaction.CommitAsync(ct);
        }
        await Task.Delay(WebhookTenants.MaxAge, ct);
        return new(created);
    }

    /// <summary>Waits for the tenant's turn to create or change a URL (until the transaction ends) and reads its subscriptions.</summary>
    private static async Task<List<WebhookSubscriptionRow>> LockTenantAsync(NpgsqlConnection connection, string tenant, CancellationToken ct)
    {
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('pdg_webhook_subscriptions:' || $1, 0))", connection))
        {
            lockCommand.Parameters.AddWithValue(tenant);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using var list = new NpgsqlCommand($"SELECT {Columns} FROM pdg_webhook_subscriptions WHERE tenant = $1", connection);
        list.Parameters.AddWithValue(tenant);
        return await ReadAsync(list, ct);
    }

    private static WebhookSubscriptionRow? SameUrl(List<WebhookSubscriptionRow> existing, string subscriptionId, string url, Func<string, string> urlKey)
    {
        var key = urlKey(url);
        return existing.FirstOrDefault(r => r.SubscriptionId != subscriptionId && urlKey(r.Url) == key);
    }

    public async Task<IReadOnlyList<WebhookSubscriptionRow>> ListAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_webhook_subscriptions WHERE tenant = $1 ORDER BY created_at, subscription_id");
        command.Parameters.AddWithValue(tenant);
        return await ReadAsync(command, ct);
    }

    public async Task<WebhookSubscriptionRow?> GetAsync(string tenant, string subscriptionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_webhook_subscriptions WHERE tenant = $1 AND subscription_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>
    /// Replaces URL, event types, description and whether it is enabled; enabling a disabled subscription clears its
    /// failures, so it gets a fresh start. Nothing when another subscription of the tenant has the same URL (in turn with
    /// creates, as <see cref="CreateAsync"/>); no row when there is no such subscription.
    /// </summary>
    public async Task<WebhookSubscriptionWrite> UpdateAsync(string tenant, string subscriptionId, string url, string[] eventTypes, string? description,
        bool enabled, Func<string, string> urlKey, CancellationToken ct)
    {
        WebhookSubscriptionRow? updated;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var transaction = await connection.BeginTransactionAsync(ct))
        {
            if (SameUrl(await LockTenantAsync(connection, tenant, ct), subscriptionId, url, urlKey) is { } same) return new(null, same);
            await using var command = new NpgsqlCommand($"""
                UPDATE pdg_webhook_subscriptions SET url = $3, event_types = $4, description = $5, enabled = $6, updated_at = now(),
                    disabled_reason = CASE WHEN $6 THEN NULL WHEN enabled THEN 'disabled by an administrator' ELSE disabled_reason END,
                    disabled_at = CASE WHEN $6 THEN NULL WHEN enabled THEN now() ELSE disabled_at END,
                    consecutive_failures = CASE WHEN $6 AND NOT enabled THEN 0 ELSE consecutive_failures END,
                    failing_since = CASE WHEN $6 AND NOT enabled THEN NULL ELSE failing_since END
                WHERE tenant = $1 AND subscription_id = $2
                RETURNING {Columns}
                """, connection);
            command.Parameters.AddWithValue(tenant);
            command.Parameters.AddWithValue(subscriptionId);
            command.Parameters.AddWithValue(url);
            command.Parameters.AddWithValue(eventTypes);
            command.Parameters.AddWithValue((object?)description ?? DBNull.Value);
            command.Parameters.AddWithValue(enabled);
            updated = (await ReadAsync(command, ct)).FirstOrDefault();
            await transaction.CommitAsync(ct);
        }
        if (updated is { Enabled: true }) await Task.Delay(WebhookTenants.MaxAge, ct);
        return new(updated);
    }

    /// <summary>Replaces the signing secret (protected); null when there is no such subscription.</summary>
    public async Task<WebhookSubscriptionRow?> SetSecretAsync(string tenant, string subscriptionId, string protectedSecret, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE pdg_webhook_subscriptions SET secret = $3, updated_at = now() WHERE tenant = $1 AND subscription_id = $2 RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        command.Parameters.AddWithValue(protectedSecret);
        return (await ReadAsync(command, ct)).FirstOrDefault();
    }

    /// <summary>Deletes the subscription and its deliveries; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string tenant, string subscriptionId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM pdg_webhook_subscriptions WHERE tenant = $1 AND subscription_id = $2");
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    private static async Task<List<WebhookSubscriptionRow>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<WebhookSubscriptionRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new WebhookSubscriptionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                Time(reader, 8), reader.GetInt32(9), Time(reader, 10), Time(reader, 11), reader.GetFieldValue<DateTimeOffset>(12),
                reader.GetFieldValue<DateTimeOffset>(13)));
        }
        return rows;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
