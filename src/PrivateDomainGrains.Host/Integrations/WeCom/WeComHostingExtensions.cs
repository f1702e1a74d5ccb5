namespace PrivateDomainGrains.Host.Integrations.WeCom;

public static class WeComHostingExtensions
{
    /// <summary>
    /// WeCom callbacks: options (section <c>WeCom</c>), the callback handler and its log. The tenants' WeCom secrets are
    /// stored encrypted with the platform's Data Protection (<c>AddPlatformDataProtection</c>), which this needs, as well
    /// as <c>AddPlatformPersistence</c>.
    /// </summary>
    public static WebApplicationBuilder AddWeComCallbacks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<WeComSettingsProtector>();
        builder.Services.AddSingleton<WeComTenantKeys>();
        builder.Services.AddSingleton<WeComCallbackLog>();
        builder.Services.AddSingleton<WeComMetrics>();
        builder.Services.AddSingleton<WeComCallbackHandler>();
        builder.Services.AddHostedService<WeComCallbackPruner>();
        return builder;
    }
}
