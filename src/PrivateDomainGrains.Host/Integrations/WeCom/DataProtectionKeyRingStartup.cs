using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Makes sure the shared key ring has a key before this node serves anything, one node at a time. Without it, nodes
/// starting together on an empty ring would each create a first key (Data Protection activates a first key at once,
/// unlike later ones, which it creates days ahead), and a node would not know another's key until its next key-ring
/// refresh (24 h): secrets stored through one node would be unreadable on the other. Under the advisory lock the
/// first node creates the key and every later one loads it.
/// </summary>
public sealed class DataProtectionKeyRingStartup(NpgsqlDataSource dataSource, IDataProtectionProvider provider, ILogger<DataProtectionKeyRingStartup> logger)
    : IHostedService
{
    private const long AdvisoryLockKey = 0x5044_4450; // "PDDP"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            // Protecting anything loads the key ring, creating and storing a first key if it has none.
            provider.CreateProtector(nameof(DataProtectionKeyRingStartup)).Protect("key ring loaded");
            logger.LogDebug("Data Protection key ring loaded from pdg_data_protection_keys");
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
