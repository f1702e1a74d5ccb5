using Npgsql;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// Schema scripts are applied once each, with a checksum: a script changed after it was applied stops start-up naming
/// it, databases from before checksums keep starting, and nodes starting together apply each script once.
/// </summary>
public sealed class SchemaMigrationTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Every_applied_script_is_recorded_with_the_checksum_of_its_text()
    {
        await MigrateAsync();

        var recorded = await RecordedAsync();
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version), recorded.Keys.Order(StringComparer.Ordinal));
        foreach (var script in SchemaMigrator.Scripts) Assert.Equal(SchemaMigrator.Checksum(script.Sql), recorded[script.Version]);
    }

    [Fact]
    public void A_checksum_ignores_line_endings_and_a_byte_order_mark_but_not_a_changed_character()
    {
        var sql = "CREATE TABLE t (a int);\nCREATE INDEX ON t (a);\n";

        Assert.Equal(SchemaMigrator.Checksum(sql), SchemaMigrator.Checksum("\uFEFF" + sql.Replace("\n", "\r\n")));
        Assert.NotEqual(SchemaMigrator.Checksum(sql), SchemaMigrator.Checksum(sql.Replace("int", "bigint")));
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_stops_the_node_from_starting_and_names_the_script()
    {
        await MigrateAsync();
        var changed = SchemaMigrator.Scripts[4].Version;
        await ExecuteAsync($"UPDATE pdg_schema_versions SET checksum = repeat('0', 64) WHERE version = '{changed}'");

        var failure = await Assert.ThrowsAsync<SchemaDriftException>(() =>
            PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "drift")));

        Assert.Equal([changed], failure.Versions);
        Assert.Contains(changed, failure.Message);
        Assert.Contains("new script", failure.Message);
        Assert.Equal(new string('0', 64), (await RecordedAsync())[changed]);
    }

    [Fact]
    public async Task A_database_from_before_checksums_keeps_starting_and_gets_its_checksums_recorded_without_running_a_script_again()
    {
        await MigrateAsync();
        await ExecuteAsync("ALTER TABLE pdg_schema_versions DROP COLUMN checksum");
        var logs = new CapturedLogs<SchemaMigrator>();

        await MigrateAsync(logs);

        Assert.DoesNotContain(logs.Messages, m => m.StartsWith("Applied", StringComparison.Ordinal));
        Assert.Equal(SchemaMigrator.Scripts.Count, logs.Messages.Count(m => m.StartsWith("Recorded the checksum", StringComparison.Ordinal)));
        var recorded = await RecordedAsync();
        foreach (var script in SchemaMigrator.Scripts) Assert.Equal(script.Checksum, recorded[script.Version]);

        var again = new CapturedLogs<SchemaMigrator>();
        await MigrateAsync(again);
        Assert.Empty(again.Messages);
    }

    [Fact]
    public async Task Nodes_migrating_an_empty_database_at_the_same_moment_apply_each_script_exactly_once()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => new CapturedLogs<SchemaMigrator>()).ToList();
        using var start = new ManualResetEventSlim();

        var runs = nodes.Select(logs => Task.Run(async () =>
        {
            start.Wait();
            await MigrateAsync(logs);
        })).ToList();
        start.Set();
        await Task.WhenAll(runs);

        var applied = nodes.SelectMany(n => n.Messages).Where(m => m.StartsWith("Applied", StringComparison.Ordinal)).ToList();
        Assert.Equal(SchemaMigrator.Scripts.Count, applied.Count);
        Assert.Equal(SchemaMigrator.Scripts.Select(s => $"Applied schema script {s.Version}"), applied.Order(StringComparer.Ordinal));
        Assert.Equal(SchemaMigrator.Scripts.Count, (await RecordedAsync()).Count);
    }

    /// <summary>One node's migration, on its own connection pool, as a separate host would run it.</summary>
    private async Task MigrateAsync(CapturedLogs<SchemaMigrator>? logs = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await new SchemaMigrator(dataSource, logs ?? new CapturedLogs<SchemaMigrator>()).ApplyAsync();
    }

    private async Task<Dictionary<string, string?>> RecordedAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM pdg_schema_versions", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string?>();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
