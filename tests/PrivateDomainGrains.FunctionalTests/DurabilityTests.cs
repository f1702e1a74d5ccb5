using System.Net;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class DurabilityTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_restarted_host_keeps_every_customers_state_and_history()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "restart");
        PlatformClient api;
        await using (var node = await PlatformNode.StartAsync(settings))
        {
            api = new PlatformClient(node.BaseAddress);
            await api.ProvisionAsync("acme", "alice");
            await api.PostEventsAsync(
                Events.FriendAdded("r-1", "li", "alice", nickname: "Li"),
                Events.OrderPaid("r-2", "li", "order-1", 199.5m),
                Events.MessageReceived("r-3", "li", "thanks!"));
            await api.Api.Customers.AddTagsAsync("li", ["油皮"]);
        }

        await using (await PlatformNode.StartAsync(settings))
        {
            var customer = (await api.Api.Customers.GetAsync("li"))!;
            Assert.Equal("alice", customer.Owner);
            Assert.Equal("Li", customer.Name);
            Assert.Equal(1, customer.Counters.Orders);
            Assert.Equal(199.5m, customer.Counters.Spend);
            Assert.Equal("FirstPurchase", customer.Tier);
            Assert.Contains("油皮", customer.Tags);
            Assert.Equal("reply", customer.NextBestAction?.Kind);
            var history = await api.Api.Customers.ListInteractionsAsync("li");
            Assert.Equal(["r-3", "r-2", "r-1"], history.Items.Select(i => i.EventId));
        }
    }

    [Fact]
    public async Task An_acknowledged_event_survives_kill_minus_9_of_the_host_right_after_the_response()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "crash");
        using var api = new PlatformClient(settings.BaseAddress);
        using (var host = HostProcess.Start(settings, "--Customers:SnapshotEveryEvents", "100000"))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            await api.PostEventsAsync(Events.FriendAdded("k-1", "li", "alice"), Events.MessageReceived("k-2", "li", "hello?"));
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            var customer = (await api.Api.Customers.GetAsync("li"))!;
            Assert.Equal("alice", customer.Owner);
            Assert.Equal(2, customer.Counters.Events);
            await using var console = await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync("alice"));
            await console.WaitForAsync(n => n.EventId == "k-2");
            host.Kill();
        }
    }

    [Fact]
    public async Task A_duplicate_event_id_changes_nothing()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "dupes"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("acme", "alice");
        var order = Events.OrderPaid("d-1", "li", "order-1", 100m);

        var first = await api.PostEventsAsync(order);
        var again = await api.PostEventsAsync(order, Events.OrderPaid("d-1", "li", "order-1", 100m));
        var sameIdOtherCustomer = await api.PostEventsAsync(Events.OrderPaid("d-1", "wang", "order-9", 5m));

        Assert.Equal(1, first.Accepted);
        Assert.Equal((0, 2), (again.Accepted, again.Duplicates));
        // Event ids are unique per tenant: the same id for another customer's event is a conflict (issue 13), not a duplicate.
        Assert.Equal((0, 0, 409), (sameIdOtherCustomer.Accepted, sameIdOtherCustomer.Duplicates, Assert.Single(sameIdOtherCustomer.Errors).Status));
        var customer = (await api.Api.Customers.GetAsync("li"))!;
        Assert.Equal(1, customer.Counters.Orders);
        Assert.Equal(100m, customer.Counters.Spend);
        Assert.Null(await api.Api.Customers.GetAsync("wang"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_event_journal"));
    }

    [Fact]
    public async Task Bad_input_gets_a_4xx_problem_and_changes_nothing()
    {
        await using var node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "bad-input"));
        using var api = new PlatformClient(node.BaseAddress);
        await api.ProvisionAsync("acme", "alice");
        var good = """{"id":"ok-1","customerId":"li","type":"page.viewed"}""";

        await AssertProblem(HttpStatusCode.BadRequest, api.PostEventsRawAsync("{\"events\":[" + good));
        await AssertProblem(HttpStatusCode.BadRequest, api.PostEventsRawAsync("""{"events":"nope"}"""));
        await AssertProblem(HttpStatusCode.BadRequest, api.PostEventsRawAsync("{\"events\":[" + string.Join(",", Enumerable.Repeat(good, 1001)) + "]}"));
        Assert.Equal(413, await RawHttp.StatusForHeadersOnlyAsync(node.BaseAddress, "/api/v1/tenants/acme/events", api.ApiKey, contentLength: 9 * 1024 * 1024));
        await AssertProblem(HttpStatusCode.Unauthorized, api.PostEventsRawAsync("{\"events\":[" + good + "]}", key: "wrong-key"));
        await AssertProblem(HttpStatusCode.Unauthorized, api.PostEventsRawAsync("{\"events\":[" + good + "]}", key: api.ApiKey + "x"));
        // An unknown tenant answers like a wrong key: the API does not tell which tenants exist.
        await AssertProblem(HttpStatusCode.Unauthorized, api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/nobody/events", "{\"events\":[" + good + "]}", api.ApiKey));
        await AssertProblem(HttpStatusCode.BadRequest, api.SendRawAsync(HttpMethod.Post, "/api/v1/tenants/bad%20tenant/events", "{\"events\":[" + good + "]}", api.ApiKey));
        await AssertProblem(HttpStatusCode.BadRequest, api.SendAsync(HttpMethod.Put, "/api/v1/tenants/acme/customers/li/owner", new { staffId = "not-a-staff-member" }, api.ApiKey));
        await AssertProblem(HttpStatusCode.BadRequest, api.SendAsync(HttpMethod.Post, "/api/v1/tenants/acme/customers/li/tags", new { tags = Array.Empty<string>() }, api.ApiKey));

        var mixed = await api.PostEventsRawAsync("""
            {"events":[
              {"id":"bad id","customerId":"li","type":"page.viewed"},
              {"id":"m-2","customerId":"li","type":"no.such.type"},
              {"id":"m-3","customerId":"li","type":"order.paid","data":{"amount":"-1"}},
              {"id":"m-4","customerId":"li","type":"page.viewed","at":"yesterday"},
              {"id":"m-5","customerId":"li","type":"message.sent","staffId":"mallory"}
            ]}
            """);
        // No event of the request is valid: a 400 naming every field, by the event's index.
        var body = await mixed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        foreach (var field in new[] { "events[0].id", "events[1].type", "events[2].data.amount", "events[3].at", "events[4].staffId" })
            Assert.Contains($"\"{field}\"", body);

        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_event_journal"));
        Assert.Null(await api.Api.Customers.GetAsync("li"));
    }

    private static async Task AssertProblem(HttpStatusCode expected, Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
