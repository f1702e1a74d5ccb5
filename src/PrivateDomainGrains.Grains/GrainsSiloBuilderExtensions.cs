using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Decisions;

namespace PrivateDomainGrains.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the grains need in a silo besides persistence: their options and the per-silo services customer
    /// grains decide with. Needs <c>AddPlatformPersistence</c>. Call it inside <c>UseOrleans</c> so the background
    /// services stop before the silo does.
    /// </summary>
    public static ISiloBuilder AddPlatformGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<CustomerGrainOptions>().BindConfiguration(CustomerGrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<StaffWorkload>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<StaffWorkload>());
        return silo.AddTenantDecisions();
    }
}
