using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PrivateDomainGrains.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the platform's PostgreSQL data source, schema migrator, group-commit writer, customer loader, journal,
    /// inbox, due-time and ownership indexes, customer directory and timeline.
    /// </summary>
    public static IServiceCollection AddPlatformPersistence(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddOptions<GroupCommitOptions>().BindConfiguration(GroupCommitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GroupReadOptions>().BindConfiguration(GroupReadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<CustomerLoader>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<EventJournal>();
        services.AddSingleton<NudgeInbox>();
        services.AddSingleton<DueIndex>();
        services.AddSingleton<CustomerOwners>();
        services.AddSingleton<CustomerDirectory>();
        services.AddSingleton<CustomerTimeline>();
        services.AddSingleton<ExecutionRollups>();
        services.AddSingleton<ExecutionOpenNudges>();
        return services;
    }
}
