using Npgsql;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

/// <summary>A fresh, empty database per test class on the test PostgreSQL that deploy/test.sh starts.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public const string AdminVariable = "PDG_TEST_PG_ADMIN";

    public string Name { get; } = "pdg_test_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString { get; private set; } = "";

    public static string AdminConnectionString => Environment.GetEnvironmentVariable(AdminVariable)
        ?? throw new InvalidOperationException($"{AdminVariable} is not set: run the tests with deploy/test.sh, which starts PostgreSQL and sets it.");

    public async Task InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {Name}", admin)) await create.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name }.ConnectionString;
    }

    /// <summary>Runs <paramref name="sql"/> (a statement with no result to read) on a connection of its own.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
