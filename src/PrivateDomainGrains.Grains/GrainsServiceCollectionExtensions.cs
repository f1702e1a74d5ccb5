using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Decisions;

namespace PrivateDomainGrains.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what the grains need in a silo besides persistence: their options and the per-silo services
    /// customer grains decide with. Needs <c>AddPlatformPersistence</c>.
    /// </summary>
    public static IServiceCollection AddPlatformGrains(this IServiceCollection services)
    {
        services.AddOptions<CustomerGrainOptions>().BindConfiguration(CustomerGrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StaffWorkload>();
        services.AddHostedService(sp => sp.GetRequiredService<StaffWorkload>());
        return services;
    }
}
