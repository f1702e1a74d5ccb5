using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Grains.Customers;
using PrivateDomainGrains.Grains.Handovers;
using PrivateDomainGrains.Grains.Tags;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Grains.Learning;
using PrivateDomainGrains.Grains.Scheduling;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Grains.TenantInputs;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains;

public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the grains need in a silo besides storage: their options (validated at start), the per-silo
    /// services customer grains decide and deliver with, the caller's language in grain calls (<see cref="CallerLanguage"/>), the customer scheduler, staff handovers and tag jobs. Per-silo
    /// background work starts and stops with the silo's lifecycle. Needs <c>AddPlatformPersistence</c> and
    /// <see cref="Storage.PlatformStorageSiloBuilderExtensions.AddPlatformStorage"/>.
    /// </summary>
    public static ISiloBuilder AddPlatformGrains(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<CustomerGrainOptions>().BindConfiguration(CustomerGrainOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<HandoverOptions>().BindConfiguration(HandoverOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<TagJobOptions>().BindConfiguration(TagJobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<Campaigns.CampaignOptions>().BindConfiguration(Campaigns.CampaignOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // References built from the key alone, for the paths that make one per event, nudge or wake.
        silo.Services.AddSingleton(typeof(GrainReferences<>));
        silo.Services.AddSingleton<CustomerStore>();
        silo.Services.AddSingleton<CustomerMetrics>();
        silo.Services.AddSingleton<CustomerPublisher>();
        silo.Services.AddSingleton<ShutdownSnapshots>();
        silo.Services.AddSingleton<NudgeDispatchMetrics>();
        silo.Services.AddSingleton<NudgeDispatcher>();
        silo.Services.AddSingleton<StaffWorkload>();
        silo.Services.AddPeriodicWork<StaffWorkload>("Open-nudge counts refresh", _ => StaffWorkload.RefreshEvery, (w, ct) => w.RefreshAsync(ct));
        // Lifecycle facts become rollup figures within a second; reports add what is not folded yet, so they are exact anyway.
        silo.Services.AddPeriodicWork<ExecutionRollups>("Execution rollups fold", _ => TimeSpan.FromSeconds(1), (r, ct) => r.FoldAsync(ct));
        silo.AddIncomingGrainCallFilter<CallerLanguage>();
        return silo.AddTenantInputs().AddLearningSignals().AddCustomerScheduler();
    }
}
