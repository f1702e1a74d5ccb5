using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Handovers;
using PrivateDomainGrains.Grains.Scheduling;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Grains.TenantInputs;

namespace PrivateDomainGrains.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the grains need in a silo besides persistence: their options, the per-silo services customer
    /// grains decide and deliver with, the customer scheduler and staff handovers. Needs <c>AddPlatformPersistence</c>, the "platform"
    /// grain storage and a reminder service.
    /// Call it inside <c>UseOrleans</c> so the background services stop before the silo does.
    /// </summary>
    public static ISiloBuilder AddPlatformGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<CustomerGrainOptions>().BindConfiguration(CustomerGrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<HandoverOptions>().BindConfiguration(HandoverOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<CustomerStore>();
        silo.Services.AddSingleton<CustomerMetrics>();
        silo.Services.AddSingleton<NudgeDispatcher>();
        silo.Services.AddSingleton<StaffWorkload>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<StaffWorkload>());
        return silo.AddTenantDecisions().AddCustomerScheduler();
    }
}
