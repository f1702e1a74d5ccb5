using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the silo is active, PostgreSQL answers and the node is
/// not shutting down. <c>/health</c>: PostgreSQL answers, as it always did.
/// </summary>
public sealed class HealthTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_running_node_is_live_and_ready_and_ready_names_each_check()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "health-up"));
        using var http = new HttpClient { BaseAddress = node.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        var ready = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("Healthy", (string?)ready.Body["status"]);
        foreach (var check in new[] { "postgresql", "silo", "shutdown" }) Assert.Equal("Healthy", (string?)ready.Body["checks"]![check]!["status"]);
    }

    [Fact]
    public async Task While_PostgreSQL_refuses_connections_the_node_is_live_but_not_ready()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "health-pg"));
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        await AdminAsync($"ALTER DATABASE {_database.Name} ALLOW_CONNECTIONS false",
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database.Name}'");
        try
        {
            var ready = await ReadyAsync(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("Unhealthy", (string?)ready.Body["checks"]!["postgresql"]!["status"]);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE {_database.Name} ALLOW_CONNECTIONS true");
        }
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);
    }

    [Fact]
    public async Task A_stopping_node_answers_not_ready_while_it_drains_and_still_serves_meanwhile()
    {
        var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "health-stop"), "--Health:DrainDelay", "00:00:04");
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);

        var stopping = node.DisposeAsync().AsTask();
        var ready = await ReadyAsync(http);
        for (var tries = 0; ready.Status == HttpStatusCode.OK && tries < 20; tries++)
        {
            await Task.Delay(50);
            ready = await ReadyAsync(http);
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("Unhealthy", (string?)ready.Body["checks"]!["shutdown"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.False(stopping.IsCompleted);
        await stopping;
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/health/live"));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadyAsync(HttpClient http)
    {
        var response = await http.GetAsync("/health/ready");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task AdminAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, admin);
            await command.ExecuteNonQueryAsync();
        }
    }
}
