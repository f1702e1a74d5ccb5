using Npgsql;
using PrivateDomainGrains.LoadTest.Accounting;

namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// Reads what the platform stored for a tenant straight from PostgreSQL, for the end-of-run ledger: the tool checks the
/// platform's word (acknowledgements, pushes) against its tables, not against its own API.
/// </summary>
public static class PlatformRecords
{
    /// <summary>Every event id in <c>pdg_event_journal</c> for the tenant.</summary>
    public static async Task<HashSet<string>> ReadJournalEventIdsAsync(string connectionString, string tenant, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await using var command = new NpgsqlCommand("SELECT event_id FROM pdg_event_journal WHERE tenant = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Every row of <c>pdg_nudges</c> for the tenant; <paramref name="ticksOf"/> puts created_at on the run clock.</summary>
    public static async Task<List<StoredNudge>> ReadNudgesAsync(string connectionString, string tenant, Func<DateTimeOffset, long> ticksOf, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        await using var command = new NpgsqlCommand(
            "SELECT nudge_id, staff_id, customer_id, event_id, kind, created_at, acked_at IS NULL FROM pdg_nudges WHERE tenant = @tenant", connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var nudges = new List<StoredNudge>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            nudges.Add(new StoredNudge(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), ticksOf(reader.GetFieldValue<DateTimeOffset>(5)), reader.GetBoolean(6)));
        }
        return nudges;
    }

    /// <summary>The database may have just been restarted by the run: a few tries before giving up.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, CommandTimeout = 120 }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch (NpgsqlException) when (attempt < 10)
            {
                await connection.DisposeAsync();
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
