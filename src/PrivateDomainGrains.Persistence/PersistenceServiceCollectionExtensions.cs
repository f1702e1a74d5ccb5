using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the platform's PostgreSQL data source, schema migrator, group-commit writer, its metrics and the webhook-subscribed tenants it reads, customer
    /// loader, journal, inbox, due-time and ownership indexes, customer directory and timeline, identity index, the keys of minted customer ids and the pending
    /// pool, the personal-data eraser, the audit log and the playbook history.
    /// </summary>
    public static IServiceCollection AddPlatformPersistence(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddMetrics();
        services.AddSingleton<GroupCommitMetrics>();
        services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroupReadOptions>().BindConfiguration(GroupReadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<CustomerLoader>();
        services.AddSingleton<WebhookTenants>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<EventJournal>();
        services.AddSingleton<NudgeInbox>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<CustomerOwners>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<Segments.SegmentStore>();
        services.AddSingleton<Segments.DirectoryNames>();
        services.AddSingleton<Segments.SegmentMembers>();
        services.AddSingleton<CampaignIndex>();
        services.AddSingleton<CustomerTimeline>();
        services.AddSingleton<ExecutionRollups>();
        services.AddSingleton<ExecutionReach>();
        services.AddSingleton<IdentityIndex>();
        services.AddSingleton<CustomerIdKeys>();
        services.AddSingleton<CustomerMerges>();
        services.AddSingleton<IdentityPendingPool>();
        services.AddSingleton<IdentityImportRows>();
        services.AddSingleton<PendingCandidates>();
        services.AddSingleton<IdentitySettingsStore>();
        services.AddSingleton<JournalRetention>();
        services.AddSingleton<NudgeRetention>();
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ExecutionOpenNudges>();
        services.AddSingleton<TagJobRows>();
        services.AddSingleton<TagHolders>();
        services.AddSingleton<PlaybookVersions>();
        return services;
    }
}
