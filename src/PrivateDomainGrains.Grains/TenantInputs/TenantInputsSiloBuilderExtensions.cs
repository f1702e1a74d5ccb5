using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Grains.Hosting;

namespace PrivateDomainGrains.Grains.TenantInputs;

public static class TenantInputsSiloBuilderExtensions
{
    /// <summary>
    /// Registers this silo's tenant decision inputs (<see cref="ITenantDecisionInputs"/>: each tenant's compiled
    /// playbook and model snapshot, cached and refreshed every <see cref="TenantDecisionOptions.RefreshInterval"/>
    /// while the silo is active), with the options of section <see cref="TenantDecisionOptions.Section"/>, validated
    /// at start.
    /// </summary>
    public static ISiloBuilder AddTenantInputs(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<TenantDecisionOptions>().BindConfiguration(TenantDecisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantDecisionCache>();
        services.AddSingleton<ITenantDecisionInputs>(sp => sp.GetRequiredService<TenantDecisionCache>());
        services.AddPeriodicWork<TenantDecisionCache>("Tenant inputs refresh",
            sp => sp.GetRequiredService<IOptions<TenantDecisionOptions>>().Value.RefreshInterval, (cache, ct) => cache.RefreshAllAsync(ct));
        return silo;
    }
}
