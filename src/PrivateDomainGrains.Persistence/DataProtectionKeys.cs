using System.Xml.Linq;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

/// <summary>
/// The Data Protection key ring's elements (keys and revocations) in <c>pdg_data_protection_keys</c>, shared by every
/// node of a cluster: a secret one node protected, any node can read. Synchronous, as the key manager that reads and
/// writes it is; it does so rarely (at start, on its periodic refresh, when it creates or revokes a key).
/// </summary>
public sealed class DataProtectionKeys(NpgsqlDataSource dataSource)
{
    /// <summary>Every stored element, oldest first.</summary>
    public IReadOnlyCollection<XElement> ReadAll()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT xml FROM pdg_data_protection_keys ORDER BY id", connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    /// <summary>Adds one element; nothing is ever updated, as the key manager expects.</summary>
    public void Add(XElement element, string friendlyName)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("INSERT INTO pdg_data_protection_keys (friendly_name, xml) VALUES ($1, $2)", connection);
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="action"/> while holding the key ring's cluster-wide lock, so that nodes starting together on
    /// an empty ring create one first key between them.
    /// </summary>
    public async Task UnderLockAsync(Action action, CancellationToken ct)
    {
        const long advisoryLockKey = 0x5044_4450; // "PDDP"
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({advisoryLockKey})", connection))
            await lockCommand.ExecuteNonQueryAsync(ct);
        try
        {
            action();
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({advisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
