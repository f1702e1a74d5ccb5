using Npgsql;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// Retention of the customers reached on a node keeping 30 raised days (<c>Retention:CustomersReached:Days</c>), a pass
/// every second: the older days' reaches are dropped, a report whose period starts before the first day kept says so
/// (<c>customersReached</c> null, <c>customersReachedFrom</c> that day) instead of counting too few, and a report from
/// that day on stays exact, customers reached again after the drop included.
/// </summary>
public sealed class CustomersReachedRetentionTests : IAsyncLifetime
{
    private const int Days = 30;
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "reach-retention"),
            "--Retention:CustomersReached:Days", Days.ToString(), "--Retention:CustomersReached:PassEvery", "00:00:01",
            "--Retention:CustomersReached:Grace", "00:00:00");
        _api = new PlatformClient(_node.BaseAddress);
        await _api.ProvisionAsync("rr", "alice", "bob");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Reaches_older_than_kept_are_dropped_and_a_report_from_before_them_says_so_while_later_periods_stay_exact()
    {
        var keptFrom = _today.AddDays(1 - Days);
        // c1: reached 40 and 5 days ago; c2: 35 days ago only; c3: 20 and 2 days ago, by alice and then bob.
        await ReachAsync(("c1", "alice", -40), ("c1", "alice", -5), ("c2", "alice", -35), ("c3", "alice", -20), ("c3", "bob", -2));
        await DroppedAsync(keptFrom);

        var old = await _api.Api.Reports.GetExecutionAsync(_today.AddDays(-45), _today, "staff");
        Assert.Equal(keptFrom, old.CustomersReachedFrom);
        Assert.Null(old.Total.CustomersReached);

        var kept = await _api.Api.Reports.GetExecutionAsync(keptFrom, _today, "staff");
        Assert.Equal(keptFrom, kept.CustomersReachedFrom);
        Assert.Equal(2L, kept.Total.CustomersReached); // c1 and c3; c1's day 40 ago is dropped but was before the period anyway
        Assert.Equal([("alice", 2L), ("bob", 1L)], kept.Groups.Select(g => (g.Key, g.CustomersReached!.Value)));
        Assert.Equal(2L, (await _api.Api.Reports.GetExecutionAsync(_today.AddDays(-10), _today, "day")).Total.CustomersReached);

        // c2, whose only reach was dropped, is reached again: counted once in the period, as a first reach.
        await ReachAsync(("c2", "bob", -1));
        await DroppedAsync(keptFrom);
        Assert.Equal(3L, (await _api.Api.Reports.GetExecutionAsync(keptFrom, _today, "staff")).Total.CustomersReached);
        Assert.Equal(1L, (await _api.Api.Reports.GetExecutionAsync(_today.AddDays(-1), _today, "staff")).Total.CustomersReached);
    }

    /// <summary>Customers acted on (the closing statement's reaches, appended as it would) on days relative to today.</summary>
    private async Task ReachAsync(params (string Customer, string Staff, int Day)[] reaches)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        foreach (var (customer, staff, day) in reaches)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO pdg_execution_reach_pending (tenant, customer_id, staff_id, source, variant, day) VALUES ('rr', $1, $2, 'welcome', '', $3)", connection);
            command.Parameters.Add(new() { Value = customer });
            command.Parameters.Add(new() { Value = staff });
            command.Parameters.Add(new() { Value = _today.AddDays(day) });
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Waits until every reach is folded and none before <paramref name="keptFrom"/> is left, and the first day kept is recorded.</summary>
    private async Task DroppedAsync(DateOnly keptFrom)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _database.ScalarAsync<long>($"""
            SELECT (SELECT count(*) FROM pdg_execution_reach_pending)
                 + (SELECT count(*) FROM pdg_execution_reach WHERE day < '{keptFrom:yyyy-MM-dd}')
                 + (SELECT count(*) FROM pdg_execution_reached WHERE day < '{keptFrom:yyyy-MM-dd}')
                 + (SELECT count(*) FROM pdg_execution_reach_retention WHERE kept_from <> '{keptFrom:yyyy-MM-dd}')
                 + (SELECT 1 - count(*) FROM pdg_execution_reach_retention)
            """) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the old reaches were not dropped in time");
            await Task.Delay(200);
        }
    }
}
