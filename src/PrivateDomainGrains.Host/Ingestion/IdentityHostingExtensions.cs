using PrivateDomainGrains.Grains.Identities;

namespace PrivateDomainGrains.Host.Ingestion;

public static class IdentityHostingExtensions
{
    /// <summary>
    /// Identity resolution for ingestion and the identities API: <see cref="IdentityOptions"/> (validated at start-up),
    /// each tenant's settings over them, the resolver, the pending pool's attacher, and the identity import's bulk path
    /// and its job's <see cref="IdentityImportOptions"/>.
    /// </summary>
    public static WebApplicationBuilder AddIdentityResolution(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantIdentitySettings>();
        builder.Services.AddSingleton<IdentityResolver>();
        builder.Services.AddSingleton<PendingAttacher>();
        builder.Services.AddSingleton<IdentityImportBatch>();
        builder.Services.AddOptions<IdentityImportOptions>().BindConfiguration(IdentityImportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
