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

    public async Task<WebhookSubscriptionRow> CreateAsync(string tenant, string subscriptionId, string url, string[] eventTypes, string? description,
        string protectedSecret, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO pdg_webhook_subscriptions (tenant, subscription_id, url, event_types, description, secret)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        command.Parameters.AddWithValue(url);
        command.Parameters.AddWithValue(eventTypes);
        command.Parameters.AddWithValue((object?)description ?? DBNull.Value);
        command.Parameters.AddWithValue(protectedSecret);
        var created = (await ReadAsync(command, ct))[0];
        await Task.Delay(WebhookTenants.MaxAge, ct);
        return created;
    }

    public async Task<IReadOnlyList<WebhookSubscriptionRow>> ListAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM pdg_webhook_subscriptions WHERE tenant = $1 ORDER BY created_at, subscription_id");
        command.Parameters.AddWithValue(tenant);
        return await ReadAsync(command, ct);
    }

    public async Task<int> CountAsync(string tenant, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM pdg_webhook_subscriptions WHERE tenant = $1");
        command.Parameters.AddWithValue(tenant);
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
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
    /// failures, so it gets a fresh start. Null when there is no such subscription.
    /// </summary>
    public async Task<WebhookSubscriptionRow?> UpdateAsync(string tenant, string subscriptionId, string url, string[] eventTypes, string? description,
        bool enabled, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE pdg_webhook_subscriptions SET url = $3, event_types = $4, description = $5, enabled = $6, updated_at = now(),
                disabled_reason = CASE WHEN $6 THEN NULL WHEN enabled THEN 'disabled by an administrator' ELSE disabled_reason END,
                disabled_at = CASE WHEN $6 THEN NULL WHEN enabled THEN now() ELSE disabled_at END,
                consecutive_failures = CASE WHEN $6 AND NOT enabled THEN 0 ELSE consecutive_failures END,
                failing_since = CASE WHEN $6 AND NOT enabled THEN NULL ELSE failing_since END
            WHERE tenant = $1 AND subscription_id = $2
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(subscriptionId);
        command.Parameters.AddWithValue(url);
        command.Parameters.AddWithValue(eventTypes);
        command.Parameters.AddWithValue((object?)description ?? DBNull.Value);
        command.Parameters.AddWithValue(enabled);
        var updated = (await ReadAsync(command, ct)).FirstOrDefault();
        if (updated is { Enabled: true }) await Task.Delay(WebhookTenants.MaxAge, ct);
        return updated;
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
