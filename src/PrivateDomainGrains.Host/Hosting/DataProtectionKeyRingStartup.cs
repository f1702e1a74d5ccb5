using Microsoft.AspNetCore.DataProtection;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// Makes sure the shared key ring has a key before this node serves anything, one node at a time. Without it, nodes
/// starting together on an empty ring would each create a first key (Data Protection activates a first key at once,
/// unlike later ones, which it creates days ahead), and a node would not know another's key until its next key-ring
/// refresh (24 h): secrets stored through one node would be unreadable on the other. Under the lock the first node
/// creates the key and every later one loads it.
/// </summary>
public sealed class DataProtectionKeyRingStartup(DataProtectionKeys keys, IDataProtectionProvider provider, ILogger<DataProtectionKeyRingStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Protecting anything loads the key ring, creating and storing a first key if it has none.
        await keys.UnderLockAsync(() => provider.CreateProtector(nameof(DataProtectionKeyRingStartup)).Protect("key ring loaded"), cancellationToken);
        logger.LogDebug("Data Protection key ring loaded from pdg_data_protection_keys");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
