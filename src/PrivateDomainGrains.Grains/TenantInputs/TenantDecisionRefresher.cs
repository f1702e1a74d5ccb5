using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Grains.TenantInputs;

/// <summary>Keeps this silo's <see cref="TenantDecisionCache"/> current: one pass over the cached tenants per interval.</summary>
public sealed class TenantDecisionRefresher(TenantDecisionCache cache, IOptions<TenantDecisionOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await cache.RefreshAllAsync();
    }
}
