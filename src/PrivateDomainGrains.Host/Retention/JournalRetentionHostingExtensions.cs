namespace PrivateDomainGrains.Host.Retention;

public static class JournalRetentionHostingExtensions
{
    /// <summary>Journal retention: options (section <c>Retention</c>, validated at start-up), the per-node view of tenants' settings that ingestion checks, and the pass runner.</summary>
    public static WebApplicationBuilder AddJournalRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JournalRetentionOptions>().BindConfiguration(JournalRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantJournalRetention>();
        builder.Services.AddHostedService<JournalRetentionService>();
        return builder;
    }
}
