using System.Diagnostics;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The tenants with an enabled webhook subscription, as this node last read them, so that a group commit adds its
/// webhook outbox statement (<see cref="Statements.WebhookStatements"/>) only for changes of those tenants: most tenants
/// subscribe to nothing, and the statement cost every flush about 0.4 ms of database time for no rows.
/// <para>
/// A flush reads the list at its start; when it is <see cref="MaxAge"/> old or older, the flush reads it again on its
/// own connection first (one small query, at most a few times a second per node). Creating or enabling a subscription
/// answers only <see cref="MaxAge"/> after it committed (<see cref="WebhookSubscriptions"/>), so every flush that starts
/// after the subscription was answered, on any node, sees it: no change committed after that goes unnotified. A
/// subscription disabled or deleted meanwhile only leaves the statement running for nothing until the next read.
/// </para>
/// </summary>
public sealed class WebhookTenants
{
    /// <summary>How old the list may be when a flush uses it; also how long a new or re-enabled subscription waits to answer.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private sealed record Snapshot(HashSet<string> Tenants, long ReadAt);

    private volatile Snapshot? _current;

    /// <summary>The subscribed tenants, read through <paramref name="connection"/> when the list this node holds is too old.</summary>
    internal async ValueTask<IReadOnlySet<string>> CurrentAsync(NpgsqlConnection connection)
    {
        if (_current is { } held && Stopwatch.GetElapsedTime(held.ReadAt) < MaxAge) return held.Tenants;
        // Taken before the query: the rows it reads include every subscription committed before this instant.
        var readAt = Stopwatch.GetTimestamp();
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT DISTINCT tenant FROM pdg_webhook_subscriptions WHERE enabled", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tenants.Add(reader.GetString(0));
        _current = new Snapshot(tenants, readAt);
        return tenants;
    }
}
