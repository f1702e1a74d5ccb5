using Npgsql;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Hosting;

public static class PersistenceHostingExtensions
{
    public const string ConnectionStringName = "Platform";
    public const string PostgresCheck = "postgresql";

    /// <summary>PostgreSQL for everything: the schema is applied before the silo starts, since clustering needs its tables.</summary>
    public static WebApplicationBuilder AddPlatformPersistence(this WebApplicationBuilder builder)
    {
        var connectionString = PlatformConnectionString(builder.Configuration);
        builder.Services.AddPlatformPersistence(connectionString);
        builder.Services.AddHostedService<SchemaMigrationService>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(PostgresCheck, tags: [HealthHostingExtensions.ReadyTag]);
        return builder;
    }

    public static string PlatformConnectionString(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is required (a PostgreSQL connection string); deploy/run.sh sets it for local runs.");
        try
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
    }
}
