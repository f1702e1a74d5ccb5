using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Grains.Learning;

namespace PrivateDomainGrains.Grains.TenantInputs;

public static class TenantDecisionsSiloBuilderExtensions
{
    /// <summary>
    /// Registers this silo's tenant decision inputs (<see cref="ITenantDecisionInputs"/>, cached and refreshed) and
    /// learning signal sink (<see cref="ILearningSignalSink"/>, buffered and flushed), with their options
    /// (section <see cref="TenantDecisionOptions.Section"/>, validated at start). Call it inside <c>UseOrleans</c> so
    /// the background services stop before the silo does.
    /// </summary>
    public static ISiloBuilder AddTenantDecisions(this ISiloBuilder silo)
    {
        var services = silo.Services;
        services.AddOptions<TenantDecisionOptions>().BindConfiguration(TenantDecisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantDecisionCache>();
        services.AddSingleton<ITenantDecisionInputs>(sp => sp.GetRequiredService<TenantDecisionCache>());
        services.AddHostedService<TenantDecisionRefresher>();
        services.AddSingleton<LearningSignalBuffer>();
        services.AddSingleton<ILearningSignalSink>(sp => sp.GetRequiredService<LearningSignalBuffer>());
        services.AddHostedService<LearningSignalFlusher>();
        return silo;
    }
}
