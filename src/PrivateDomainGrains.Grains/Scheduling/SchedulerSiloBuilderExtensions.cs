using Microsoft.Extensions.DependencyInjection;

namespace PrivateDomainGrains.Grains.Scheduling;

public static class SchedulerSiloBuilderExtensions
{
    /// <summary>
    /// The customer scheduler: <see cref="SchedulerOptions"/> from the "Scheduler" section (validated at start) and
    /// the start of every shard once the silo is active. Needs a reminder service.
    /// </summary>
    public static ISiloBuilder AddCustomerScheduler(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddSingleton<SchedulerMetrics>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchedulerStartup>();
        return silo;
    }
}
