using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using PrivateDomainGrains.Grains.Storage;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests;

/// <summary>An in-process test cluster whose grains store into a fresh PostgreSQL database of their own.</summary>
public sealed class GrainTestCluster : IAsyncLifetime
{
    // Silo configurators are created by type: the database reaches them through the cluster's own configuration. A
    // static field once handed it over, and test classes starting at once gave their silos each other's databases
    // (a push waited on another class's row locks).
    private const string ConnectionStringKey = "PdgGrainTestsConnectionString";

    private readonly string _database = "pdg_grains_" + Guid.NewGuid().ToString("N")[..12];

    private ServiceProvider _store = null!;

    public TestCluster Cluster { get; private set; } = null!;
    /// <summary>The same journal and inbox the grains use, for arranging and checking what is in the database.</summary>
    public EventJournal Journal => _store.GetRequiredService<EventJournal>();
    /// <summary>The group commit the customers write with, for arranging what a crashed node left in the database.</summary>
    public GroupCommitWriter Writer => _store.GetRequiredService<GroupCommitWriter>();
    public NudgeInbox Inbox => _store.GetRequiredService<NudgeInbox>();
    public CustomerOwners Owners => _store.GetRequiredService<CustomerOwners>();
    public CustomerDirectory Directory => _store.GetRequiredService<CustomerDirectory>();
    public CustomerTimeline Timeline => _store.GetRequiredService<CustomerTimeline>();

    /// <summary>The test database, for holding row locks of its own.</summary>
    public NpgsqlDataSource DataSource => _store.GetRequiredService<NpgsqlDataSource>();

    /// <summary>A scalar from the test database, for checking what the grains stored.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PDG_TEST_PG_ADMIN")
            ?? throw new InvalidOperationException("PDG_TEST_PG_ADMIN is not set: run the tests with deploy/test.sh");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
        _store = new ServiceCollection().AddLogging()
            .AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build())
            .AddPlatformPersistence(connectionString).BuildServiceProvider();
        await _store.GetRequiredService<SchemaMigrator>().ApplyAsync();

        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _store.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionStringKey]!;
            silo.Services.AddPlatformPersistence(connectionString);
            silo.AddPlatformStorage(connectionString).AddPlatformGrains();
        }
    }
}
