using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Grains.TenantInputs;

namespace PrivateDomainGrains.Grains.Learning;

public static class LearningSiloBuilderExtensions
{
    /// <summary>
    /// Registers this silo's learning signal sink (<see cref="ILearningSignalSink"/>): outcomes are buffered and
    /// forwarded to the tenants' learning grains every <see cref="TenantDecisionOptions.LearningFlushInterval"/>, and
    /// once more when the silo stops. Needs <see cref="TenantInputsSiloBuilderExtensions.AddTenantInputs"/> (options).
    /// </summary>
    public static ISiloBuilder AddLearningSignals(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddSingleton<LearningSignalBuffer>();
        services.AddSingleton<ILearningSignalSink>(sp => sp.GetRequiredService<LearningSignalBuffer>());
        services.AddPeriodicWork<LearningSignalBuffer>("Learning signal flush",
            sp => sp.GetRequiredService<IOptions<TenantDecisionOptions>>().Value.LearningFlushInterval, (buffer, _) => buffer.FlushAsync(),
            runOnStop: true);
        return silo;
    }
}
