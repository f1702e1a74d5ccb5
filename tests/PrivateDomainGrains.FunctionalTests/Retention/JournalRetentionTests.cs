using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Retention;

/// <summary>
/// Journal retention: with a tenant keeping 30 days, a background pass drops the older events its customers' snapshots
/// have folded in; customers load afterwards with the same counters, tags and tier, their export says what was dropped,
/// events older than 30 days are refused, and a pass killed mid-way resumes and drops every event exactly once.
/// </summary>
public sealed class JournalRetentionTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public Task InitializeAsync() => _database.InitializeAsync();
    public Task DisposeAsync() => _database.DisposeAsync();

    /// <summary>Every event snapshotted at once, so each is folded in as soon as it is stored.</summary>
    private static readonly string[] Retention = ["--Customers:SnapshotEveryEvents", "1", "--Retention:PollInterval", "00:00:00.200", "--Retention:PageSize", "2"];

    private static async Task<JournalRetentionView> WaitForPassAsync(PrivateDomainGrainsClient api, Func<JournalRetentionView, bool> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until; await Task.Delay(100))
        {
            var view = await api.JournalRetention.GetAsync();
            if (done(view)) return view;
        }
        throw new TimeoutException("The retention pass did not get there in 60 s");
    }

    [Fact]
    public async Task Old_events_folded_into_snapshots_are_dropped_and_customers_load_with_the_same_counters_tags_and_tier()
    {
        string[] customers = ["ret-a", "ret-b", "ret-c"];
        var before = new Dictionary<string, CustomerView>();
        PlatformClient client;
        await using (var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "ret"), Retention))
        {
            client = new PlatformClient(node.BaseAddress);
            await client.ProvisionAsync("ret", "alice");
            foreach (var c in customers)
            {
                var posted = await client.PostEventsAsync(
                    Events.FriendAdded($"{c}-added", c, "alice", at: Now.AddDays(-40)),
                    Events.OrderPaid($"{c}-paid", c, $"o-{c}", 300m, at: Now.AddDays(-35)),
                    Events.MessageReceived($"{c}-hello", c, "你好"));
                Assert.Equal(3, posted.Accepted);
                before[c] = (await client.Api.Customers.GetAsync(c))!;
            }
            Assert.Null((await client.Api.JournalRetention.GetAsync()).Days);
            foreach (var body in new[] { """{"days":0}""", """{"days":36501}""", """{"days":"ninety"}""" })
            {
                var refused = await client.SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{client.Tenant}/journal-retention", body, client.AdminKey);
                Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("days", await refused.Content.ReadAsStringAsync());
            }
            var integration = await client.SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{client.Tenant}/journal-retention", """{"days":30}""", client.ApiKey);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, integration.StatusCode);
            Assert.Null((await client.Api.JournalRetention.GetAsync()).Days);

            var set = await client.Api.JournalRetention.PutAsync(30);
            Assert.Equal(30, set.Days);

            // Older events are refused from now on: a resend of one the pass drops could not be told from a new one.
            var late = await client.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/events", new
            {
                events = new object[]
                {
                    new { id = "ret-a-added", customerId = "ret-a", type = "friend.added", at = Now.AddDays(-40), staffId = "alice" },
                    new { id = "ret-a-old-order", customerId = "ret-a", type = "message.received", at = Now.AddDays(-31), text = "旧消息" },
                },
            }, client.ApiKey);
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, late.StatusCode);
            var problem = await late.Content.ReadAsStringAsync();
            Assert.Contains("events[0].at", problem);
            Assert.Contains("events[1].at", problem);
            Assert.Equal(3, (await client.Api.Customers.GetAsync("ret-a"))!.Counters.Events);

            var pass = (await WaitForPassAsync(client.Api, v => v.Pass?.FinishedAt is not null)).Pass!;
            Assert.Equal((3, 6), (pass.Customers, pass.Dropped));
            Assert.InRange(pass.Cutoff, Now.AddDays(-30).AddMinutes(-5), Now.AddDays(-30).AddMinutes(5));
        }

        // A new node: every customer loads from its snapshot and what is left of its journal.
        await using var next = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "ret"), Retention);
        using var api = client.For(next.BaseAddress);
        client.Dispose();
        Assert.Equal(6, (await api.Api.JournalRetention.GetAsync()).DroppedTotal);
        foreach (var c in customers)
        {
            var after = (await api.Api.Customers.GetAsync(c))!;
            Assert.Equal(before[c].Counters, after.Counters);
            Assert.Equal((1, 300m, 3L), (after.Counters.Orders, after.Counters.Spend, after.Counters.Events));
            Assert.Equal(before[c].Tags, after.Tags);
            Assert.Equal((before[c].Tier, before[c].Owner, before[c].Status, before[c].FirstSeenAt), (after.Tier, after.Owner, after.Status, after.FirstSeenAt));

            var export = (await api.Api.PersonalData.ExportAsync(c))!;
            var dropped = Assert.IsType<JournalDroppedView>(export.JournalDropped);
            Assert.Equal(2, dropped.Events);
            Assert.InRange(dropped.OldestAt, Now.AddDays(-40).AddSeconds(-1), Now.AddDays(-40).AddSeconds(1));
            Assert.InRange(dropped.NewestAt, Now.AddDays(-35).AddSeconds(-1), Now.AddDays(-35).AddSeconds(1));
            Assert.Equal([$"{c}-hello"], export.Timeline.Where(t => t.Kind == "event").Select(t => t.Id));
        }
    }

    [Fact]
    public async Task A_pass_killed_mid_way_resumes_on_the_next_node_and_drops_every_old_event_exactly_once()
    {
        const int customers = 30;
        var settings = NodeSettings.Fresh(_database.ConnectionString, "ret-kill");
        string[] slow = [.. Retention, "--Retention:PageSize", "1", "--Retention:PauseBetweenPages", "00:00:00.100"];
        string adminKey;
        using (var host = HostProcess.Start(settings, slow))
        {
            await host.WaitUntilHealthyAsync();
            using var client = new PlatformClient(settings.BaseAddress);
            await client.ProvisionAsync("ret-kill", "alice");
            adminKey = client.AdminKey;
            var events = Enumerable.Range(0, customers).SelectMany(i => new[]
            {
                Events.FriendAdded($"k{i}-added", $"k{i:D2}", "alice", at: Now.AddDays(-50)),
                Events.OrderPaid($"k{i}-paid", $"k{i:D2}", $"o{i}", 100m, at: Now.AddDays(-45)),
            });
            Assert.Equal(customers * 2, (await client.PostEventsAsync([.. events])).Accepted);
            await client.Api.JournalRetention.PutAsync(30);
            await WaitForPassAsync(client.Api, v => v.Pass is { FinishedAt: null, Customers: >= 3 });
            host.Kill();
        }

        var killed = await PassRowAsync();
        Assert.Null(killed.FinishedAt);
        Assert.InRange(killed.Customers, 3, customers - 1);
        Assert.Equal(killed.Dropped, await ScalarAsync("SELECT coalesce(sum(events), 0) FROM pdg_journal_dropped WHERE tenant = 'ret-kill'"));
        Assert.Equal(killed.Dropped, customers * 2 - await ScalarAsync("SELECT count(*) FROM pdg_event_journal WHERE tenant = 'ret-kill'"));

        using var next = HostProcess.Start(settings, slow);
        await next.WaitUntilHealthyAsync();
        using var admin = new PlatformClient(settings.BaseAddress);
        var pass = (await WaitForPassAsync(admin.Api.WithTenant("ret-kill", null, adminKey), v => v.Pass?.FinishedAt is not null)).Pass!;

        Assert.Equal((customers, customers * 2L), (pass.Customers, pass.Dropped));
        Assert.Equal(customers * 2L, await ScalarAsync("SELECT coalesce(sum(events), 0) FROM pdg_journal_dropped WHERE tenant = 'ret-kill'"));
        Assert.Equal(customers, await ScalarAsync("SELECT count(*) FROM pdg_journal_dropped WHERE tenant = 'ret-kill' AND events = 2"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM pdg_event_journal WHERE tenant = 'ret-kill'"));
        Assert.Equal(customers * 2L, await ScalarAsync("SELECT dropped_total FROM pdg_journal_retention WHERE tenant = 'ret-kill'"));
    }

    private async Task<(DateTimeOffset? FinishedAt, long Customers, long Dropped)> PassRowAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pass_finished_at, pass_customers, pass_dropped FROM pdg_journal_retention WHERE tenant = 'ret-kill'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
