namespace PrivateDomainGrains.Host.Retention;

public static class RetentionHostingExtensions
{
    /// <summary>
    /// Journal retention: options (section <c>Retention</c>, validated at start-up), the per-node view of tenants' settings
    /// that ingestion checks, and the pass runner; and the retention of customers reached (<c>Retention:CustomersReached</c>) and of closed nudges (<c>Retention:ClosedNudges</c>).
    /// </summary>
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<JournalRetentionOptions>().BindConfiguration(JournalRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TenantJournalRetention>();
        builder.Services.AddHostedService<JournalRetentionService>();
        builder.Services.AddOptions<ReachRetentionOptions>().BindConfiguration(ReachRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<ReachRetentionService>();
        builder.Services.AddOptions<NudgeRetentionOptions>().BindConfiguration(NudgeRetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<NudgeRetentionService>();
        return builder;
    }
}
