using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Events and orders that name their customer the way shops and channels do (issue 14), through a real node and
/// PostgreSQL: by phone in any spelling, UnionID, order id or only a nickname; silently matched on strong identities,
/// never on a nickname, and nothing unmatched lost.
/// </summary>
public sealed class IdentityResolutionTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    /// <summary>Half an hour ago, to the second as integrations send times (PostgreSQL keeps microseconds, .NET ticks).</summary>
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());

    private static Dictionary<string, string> Named(params (string Kind, string Value)[] identities) =>
        identities.ToDictionary(i => i.Kind, i => i.Value);

    private static PostedEvent Friend(string id, string staff, params (string, string)[] identities) =>
        new(id, null, "friend.added", T, "wecom", staff, Identities: Named(identities));

    private static PostedEvent Message(string id, string text, params (string, string)[] identities) =>
        new(id, null, "message.received", T.AddMinutes(1), "wecom", Text: text, Identities: Named(identities));

    private static PostedEvent Order(string id, string orderId, decimal amount, params (string, string)[] identities) =>
        new(id, null, "order.paid", T.AddMinutes(2), "shop", Identities: Named(identities), Data: new Dictionary<string, string>
        {
            ["orderId"] = orderId, ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["currency"] = "CNY",
        });

    [Fact]
    public async Task Every_usual_spelling_of_a_phone_and_foreign_numbers_each_reach_one_customer()
    {
        var added = await Api.PostEventsAsync(Friend("ph-add", "alice", ("phone", "+86 138 0013 8000")), Friend("ph-uk-add", "alice", ("phone", "+44 20 7946 0958")));
        var messages = await Api.PostEventsAsync(
            Message("ph-1", "one", ("phone", "0086-13800138000")),
            Message("ph-2", "two", ("phone", "13800138000")),
            Message("ph-3", "three", ("phone", "+86-138-0013-8000")),
            Message("ph-uk-1", "hello", ("phone", "+442079460958")),
            Message("ph-uk-2", "again", ("phone", "0044 20 7946 0958")));

        Assert.Equal([("phone", true), ("phone", true)], added.Resolved.OrderBy(r => r.Index).Select(r => (r.By, r.Created)));
        var (china, uk) = (added.Resolved.Single(r => r.Index == 0).CustomerId, added.Resolved.Single(r => r.Index == 1).CustomerId);
        Assert.NotEqual(china, uk);
        Assert.Equal(5, messages.Accepted);
        Assert.Equal([china, china, china, uk, uk], messages.Resolved.OrderBy(r => r.Index).Select(r => r.CustomerId));
        Assert.All(messages.Resolved, r => Assert.Equal(("phone", false), (r.By, r.Created)));
        var chinese = (await Api.Api.Customers.GetAsync(china))!;
        Assert.Equal(("alice", 3, 4L), (chinese.Owner, chinese.Counters.MessagesReceived, chinese.Counters.Events));
        Assert.Equal(2, (await Api.Api.Customers.GetAsync(uk))!.Counters.MessagesReceived);
        foreach (var spelling in new[] { "138 0013 8000", "+8613800138000", "0086 138-0013-8000" })
            Assert.Equal(china, (await Api.Api.Identities.LookupAsync("phone", spelling))!.CustomerId);
        var identities = await Api.Api.Identities.ListAsync(china);
        Assert.Equal([("phone", "+8613800138000", "event:ph-add")], identities.Identities.Select(i => (i.Kind, i.Value, i.Source)));
    }

    [Fact]
    public async Task Events_of_one_request_naming_one_new_person_reach_one_customer_created_by_the_first_and_matched_by_the_rest()
    {
        var batch = await Api.PostEventsAsync(
            Friend("same-1", "alice", ("phone", "135 5501 7788")),
            Friend("same-2", "alice", ("phone", "+86 135-5501-7788"), ("unionid", "o-same-union")),
            Message("same-3", "hi", ("unionid", "o-same-union")),
            new PostedEvent("same-4", "someone-else", "friend.added", T, "wecom", "alice", Identities: Named(("phone", "13555017788"))));

        Assert.Equal(3, batch.Accepted);
        var created = batch.Resolved.Single(r => r.Index == 0).CustomerId;
        Assert.Equal([(created, "phone", true), (created, "phone", false), (created, "unionid", false)],
            batch.Resolved.OrderBy(r => r.Index).Select(r => (r.CustomerId, r.By, r.Created)));
        // A fourth event giving that phone to another customer is the conflict it would be in a later request.
        Assert.Equal((3, 409), (batch.Errors.Single().Index, batch.Errors.Single().Status));
        Assert.Equal(3, (await Api.Api.Customers.GetAsync(created))!.Counters.Events);
        Assert.Null(await Api.Api.Customers.GetAsync("someone-else"));
    }

    [Fact]
    public async Task An_invalid_phone_is_a_400_for_that_event_only_and_stores_nothing_of_it()
    {
        var created = (await Api.PostEventsAsync(Friend("inv-add", "alice", ("phone", "13600136000")))).Resolved.Single().CustomerId;
        var mixed = await Api.PostEventsAsync(Message("inv-1", "fine", ("phone", "136 0013 6000")), Message("inv-2", "bad", ("phone", "12345")));

        Assert.Equal((1, 1), (mixed.Accepted, mixed.Rejected));
        var error = Assert.Single(mixed.Errors);
        Assert.Equal((1, "inv-2", 400), (error.Index, error.EventId, error.Status));
        Assert.StartsWith("'identities.phone'", error.Errors.Single());

        var alone = await Assert.ThrowsAsync<PlatformApiException>(() => Api.PostEventsAsync(Message("inv-3", "bad", ("phone", "not a phone"))));
        Assert.Equal(HttpStatusCode.BadRequest, alone.StatusCode);
        Assert.Contains("events[0].identities.phone", alone.Problem!.Errors!.Keys);
        var unknownKind = await Assert.ThrowsAsync<PlatformApiException>(() => Api.PostEventsAsync(Message("inv-4", "bad", ("wechat", "o1"))));
        Assert.Contains("events[0].identities.wechat", unknownKind.Problem!.Errors!.Keys);
        var reserved = await Assert.ThrowsAsync<PlatformApiException>(() => Api.PostEventsAsync(
            new PostedEvent("inv-5", "li-inv", "message.received", Data: new Dictionary<string, string> { ["identity.phone"] = "+8613600136000" })));
        Assert.Contains("events[0].data.identity.phone", reserved.Problem!.Errors!.Keys);

        var customer = (await Api.Api.Customers.GetAsync(created))!;
        Assert.Equal(2L, customer.Counters.Events);
        Assert.Null(await Api.Api.Customers.GetAsync("li-inv"));
        Assert.DoesNotContain((await Api.Api.Identities.ListPendingAsync(limit: 500)).Items, p => p.EventId.StartsWith("inv-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_naming_only_the_phone_of_a_known_customer_reaches_that_customer_its_owner_and_the_nudge_acted_on()
    {
        var playbook = await Api.Api.Playbook.PutAsync("""
            {
              "rules": [
                { "id": "welcome", "trigger": { "kind": "event", "event": "friend.added" },
                  "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "title": "Welcome {name}", "script": "Say hello", "proactive": false } ] },
                { "id": "thanks", "trigger": { "kind": "event", "event": "order.paid" },
                  "actions": [ { "kind": "nudge", "nudgeKind": "thank-you", "title": "Thank {name}", "script": "Thank them for the order", "proactive": false } ] }
              ]
            }
            """);
        await using var console = await platform.ConsoleAsync("bob");
        // The shop's CRM knows the customer by id; WeCom tells the platform its phone when bob adds them.
        await Api.PostEventsAsync(new PostedEvent("known-add", "crm-wang", "friend.added", T, "wecom", "bob", Identities: Named(("phone", "13900139000"))));
        // Nodes pick a new playbook up within seconds: wait until the customer decides with it.
        Assert.NotNull(await Eventually(async () => await Api.Api.Customers.GetAsync("crm-wang") is { } c && c.PlaybookVersion == playbook.Version ? c : null));
        var welcome = await console.WaitForAsync(n => n.EventId == "known-add");
        await console.AckAsync(welcome.Id);

        // Paid after the welcome was acted on (now), so within its attribution window.
        var order = await Api.PostEventsAsync(Order("known-order", "T-1001", 299m, ("phone", "+86 139 0013 9000")) with { At = null });

        Assert.Equal(1, order.Accepted);
        Assert.Equal(("crm-wang", "phone", false), order.Resolved.Select(r => (r.CustomerId, r.By, r.Created)).Single());
        var thanks = await console.WaitForAsync(n => n.EventId == "known-order");
        Assert.Equal(("thank-you", "crm-wang"), (thanks.Kind, thanks.CustomerId));
        var customer = (await Api.Api.Customers.GetAsync("crm-wang"))!;
        Assert.Equal((1, 299m, "FirstPurchase", "bob"), (customer.Counters.Orders, customer.Counters.Spend, customer.Tier, customer.Owner));
        Assert.Equal("crm-wang", (await Api.Api.Identities.LookupAsync("phone", "13900139000"))!.CustomerId);
        // The welcome was acted on and an order followed: the order is credited to it and teaches the model.
        var learned = await Eventually(async () => (await Api.Api.Learning.GetAsync()).Arms.FirstOrDefault(a => a.Action == "welcome" && a.Segment == "*" && a.Successes >= 1));
        Assert.NotNull(learned);
    }

    [Fact]
    public async Task An_order_for_an_unknown_phone_waits_in_the_pool_and_a_later_friend_added_with_that_phone_attaches_it_once()
    {
        var order = Order("pool-order", "T-2001", 88m, ("phone", "13700137000"));
        var first = await Api.PostEventsAsync(order);
        var retried = await Api.PostEventsAsync(order);

        Assert.Equal((0, 0, 0), (first.Accepted, first.Duplicates, first.Rejected));
        Assert.Equal(("pool-order", "unknown-identity"), first.Pooled.Select(p => (p.EventId, p.Reason)).Single());
        Assert.Equal((0, 1), (retried.Accepted, retried.Duplicates));
        Assert.Empty(retried.Pooled);
        var waiting = (await Api.Api.Identities.GetPendingAsync("pool-order"))!;
        Assert.Equal(("pending", "+8613700137000", "T-2001"), (waiting.State, waiting.Identities["phone"], waiting.Data!["orderId"]));
        Assert.Null(await Api.Api.Identities.LookupAsync("phone", "13700137000"));

        var added = await Api.PostEventsAsync(Friend("pool-add", "alice", ("phone", "137 0013 7000")));
        var addedAgain = await Api.PostEventsAsync(Friend("pool-add-2", "bob", ("phone", "+8613700137000")));
        var orderAgain = await Api.PostEventsAsync(order);

        Assert.Equal((1, 1), (added.Accepted, added.AttachedFromPool));
        var created = added.Resolved.Single().CustomerId;
        Assert.Equal(0, addedAgain.AttachedFromPool);
        Assert.Equal((0, 1), (orderAgain.Accepted, orderAgain.Duplicates));
        var attached = (await Api.Api.Identities.GetPendingAsync("pool-order"))!;
        Assert.Equal(("attached", created, "identity:phone=+8613700137000"), (attached.State, attached.CustomerId, attached.SettledBy));
        var customer = (await Api.Api.Customers.GetAsync(created))!;
        Assert.Equal((1, 88m, "alice"), (customer.Counters.Orders, customer.Counters.Spend, customer.Owner));
        var history = await Api.Api.Customers.ListInteractionsAsync(created);
        Assert.Equal(["pool-add", "pool-add-2", "pool-order"], history.Items.Select(i => i.EventId).Order(StringComparer.Ordinal));
        Assert.DoesNotContain((await Api.Api.Identities.ListPendingAsync(limit: 500)).Items, p => p.EventId == "pool-order");
    }

    [Fact]
    public async Task A_nickname_only_order_waits_until_a_person_picks_the_customer_or_dismisses_it()
    {
        await Api.PostEventsAsync(
            new PostedEvent("nick-add", "li-nick", "friend.added", T, "wecom", "alice",
                Data: new Dictionary<string, string> { ["nickname"] = "小李" }, Identities: Named(("nickname", "小李"))),
            new PostedEvent("nick-add-2", "li-nick-2", "friend.added", T.AddMinutes(5), "wecom", "bob", Data: new Dictionary<string, string> { ["nickname"] = "小李子" }),
            new PostedEvent("nick-add-3", "wang-nick", "friend.added", T, "wecom", "bob", Data: new Dictionary<string, string> { ["nickname"] = "老王" }));
        var order = await Api.PostEventsAsync(Order("nick-order", "T-3001", 59m, ("nickname", " 小李 ")), Order("nick-order-2", "T-3002", 9m, ("nickname", "小李")));

        Assert.Equal([("nick-order", "nickname-only"), ("nick-order-2", "nickname-only")], order.Pooled.Select(p => (p.EventId, p.Reason)));
        Assert.Equal(0, (await Api.Api.Customers.GetAsync("li-nick"))!.Counters.Orders);
        var page = await Api.Api.Identities.ListPendingAsync(limit: 500);
        Assert.Contains(page.Items, p => p.EventId == "nick-order" && p.Identities["nickname"] == "小李");
        var candidates = (await Api.Api.Identities.GetPendingAsync("nick-order"))!.Candidates;
        Assert.Equal([("li-nick", 1.0), ("li-nick-2", 0.667)], candidates.Select(c => (c.CustomerId, c.Similarity)));
        Assert.Equal(("小李", "alice"), (candidates[0].DisplayName, candidates[0].Owner));

        var picked = await Api.Api.Identities.AttachPendingAsync("nick-order", "li-nick");
        var again = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.AttachPendingAsync("nick-order", "li-nick"));
        var dismissed = await Api.Api.Identities.DismissPendingAsync("nick-order-2");
        var dismissedAgain = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.DismissPendingAsync("nick-order-2"));
        var unknown = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.DismissPendingAsync("nick-nothing"));

        Assert.Equal(("attached", "li-nick", "api"), (picked.State, picked.CustomerId, picked.SettledBy));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("dismissed", null), (dismissed.State, dismissed.CustomerId));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound), (dismissedAgain.StatusCode, unknown.StatusCode));
        var customer = (await Api.Api.Customers.GetAsync("li-nick"))!;
        Assert.Equal((1, 59m), (customer.Counters.Orders, customer.Counters.Spend));
        Assert.Contains((await Api.Api.Identities.ListPendingAsync("dismissed", limit: 500)).Items, p => p.EventId == "nick-order-2");
    }

    [Fact]
    public async Task A_strong_identity_already_on_another_customer_is_refused_with_a_conflict_and_nothing_moves()
    {
        await Api.PostEventsAsync(
            new PostedEvent("cf-a", "cf-a", "friend.added", T, "wecom", "alice", Identities: Named(("unionid", "o6_cfA"))),
            new PostedEvent("cf-b", "cf-b", "friend.added", T, "wecom", "alice", Identities: Named(("phone", "13500135000"))));

        var both = await Api.PostEventsAsync(Message("cf-1", "who am I", ("unionid", "o6_cfA"), ("phone", "135 0013 5000")),
            new PostedEvent("cf-2", "cf-b", "message.received", T, Text: "me", Identities: Named(("unionid", "o6_cfA"))));
        var viaApi = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.AddAsync("cf-b", Named(("unionid", "o6_cfA"), ("email", "b@example.com"))));

        Assert.Equal((0, 2), (both.Accepted, both.Rejected));
        Assert.All(both.Errors, e => Assert.Equal(409, e.Status));
        Assert.Contains("'identities.phone' already names customer 'cf-b'", both.Errors[0].Errors.Single());
        Assert.Contains("'identities.unionid' already names customer 'cf-a'", both.Errors[1].Errors.Single());
        Assert.Equal(HttpStatusCode.Conflict, viaApi.StatusCode);
        Assert.Contains("cf-a", viaApi.Problem!.Detail);
        Assert.Equal("cf-a", (await Api.Api.Identities.LookupAsync("unionid", "o6_cfA"))!.CustomerId);
        Assert.Null(await Api.Api.Identities.LookupAsync("email", "b@example.com"));
        Assert.Equal((1L, 1L), ((await Api.Api.Customers.GetAsync("cf-a"))!.Counters.Events, (await Api.Api.Customers.GetAsync("cf-b"))!.Counters.Events));
    }

    [Fact]
    public async Task Identities_are_looked_up_added_and_removed_through_the_API_with_each_bad_field_named()
    {
        await Api.PostEventsAsync(Events.FriendAdded("api-li-add", "api-li", "alice"));
        var added = await Api.Api.Identities.AddAsync("api-li", Named(("unionid", "o6_apiLi"), ("email", " Li@Example.COM "), ("openid:wx8888", "oApi")));
        var repeated = await Api.Api.Identities.AddAsync("api-li", Named(("email", "li@example.com")));
        var removed = await Api.Api.Identities.RemoveAsync("api-li", "email", "LI@example.com");

        Assert.Equal([("unionid", "o6_apiLi"), ("openid:wx8888", "oApi"), ("email", "li@example.com")], added.Identities.Select(i => (i.Kind, i.Value)));
        Assert.Equal(3, repeated.Identities.Count);
        Assert.Equal(["unionid", "openid:wx8888"], removed.Identities.Select(i => i.Kind));
        Assert.Equal(("api-li", "api"), ((await Api.Api.Identities.LookupAsync("openid:wx8888", "oApi"))!.CustomerId, (await Api.Api.Identities.LookupAsync("openid:wx8888", "oApi"))!.Source));
        Assert.Null(await Api.Api.Identities.LookupAsync("email", "li@example.com"));

        foreach (var (kind, value, field) in new[] { ("wechat", "o1", "kind"), ("nickname", "Li", "kind"), ("phone", "12345", "value"), ("unionid", "has space", "value") })
        {
            var bad = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.LookupAsync(kind, value));
            Assert.Equal((HttpStatusCode.BadRequest, field), (bad.StatusCode, bad.Problem!.Errors!.Keys.Single()));
        }
        var badAdd = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.AddAsync("api-li", Named(("phone", "12345"), ("unionid", "o6_fine"))));
        Assert.Equal(["identities.phone"], badAdd.Problem!.Errors!.Keys);
        Assert.Null(await Api.Api.Identities.LookupAsync("unionid", "o6_fine"));
        var notHeld = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.RemoveAsync("api-li", "phone", "13800138000"));
        Assert.Equal(HttpStatusCode.NotFound, notHeld.StatusCode);
    }

    [Fact]
    public async Task A_bulk_import_adds_each_good_row_reports_each_bad_one_by_index_and_attaches_what_waited()
    {
        await Api.PostEventsAsync(Order("imp-order", "T-4001", 120m, ("order", "T-4001"), ("email", "zhao@example.com")));
        await Api.PostEventsAsync(Events.FriendAdded("imp-zhao-add", "imp-zhao", "alice"), Events.FriendAdded("imp-qian-add", "imp-qian", "bob"));
        IdentityImportRow[] rows =
        [
            new("imp-zhao", "email", "Zhao@Example.com"),
            new("imp-zhao", "phone", "+86 133 0013 3000"),
            new("imp-qian", "phone", "13300133000"),
            new("imp-qian", "phone", "12345"),
            new("bad id!", "unionid", "o6_imp"),
            new("imp-qian", "wechat", "x"),
            new("imp-zhao", "email", "zhao@example.com"),
        ];

        var result = await Api.Api.Identities.ImportAsync(rows);

        Assert.Equal((2, 1, 4), (result.Added, result.Unchanged, result.Rejected));
        Assert.Equal([(2, 409), (3, 400), (4, 400), (5, 400)], result.Errors.Select(e => (e.Index, e.Status)));
        Assert.Contains("imp-zhao", result.Errors[0].Error);
        Assert.StartsWith("'value'", result.Errors[1].Error);
        Assert.StartsWith("'customerId'", result.Errors[2].Error);
        Assert.StartsWith("'kind'", result.Errors[3].Error);
        Assert.Equal(1, result.AttachedFromPool);
        Assert.Equal(1, (await Api.Api.Customers.GetAsync("imp-zhao"))!.Counters.Orders);
        // The order carried its order id too: it now names the customer it was attached to.
        Assert.Equal("imp-zhao", (await Api.Api.Identities.LookupAsync("order", "T-4001"))!.CustomerId);
    }

    [Fact]
    public async Task An_identity_for_a_customer_the_platform_does_not_know_is_refused_so_an_order_naming_it_waits_in_the_pool_unless_the_request_says_the_customer_is_new()
    {
        var single = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Identities.AddAsync("nobody-yet", Named(("phone", "13100131201"))));
        var batch = await Api.Api.Identities.ImportAsync([new("nobody-yet", "phone", "13100131202"), new("crm-9", "phone", "13100131203")]);
        var created = await Api.Api.Identities.ImportAsync([new("crm-9", "phone", "13100131203")], createCustomers: true);
        var order = await Api.PostEventsAsync(Order("unk-order", "U-1", 50m, ("phone", "13100131201")));
        var crmOrder = await Api.PostEventsAsync(Order("crm-order", "U-2", 60m, ("phone", "13100131203")));

        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        Assert.StartsWith("'customerId' customer 'nobody-yet' does not exist", single.Problem!.Detail);
        Assert.Equal((0, 2), (batch.Added, batch.Rejected));
        Assert.All(batch.Errors, e => Assert.Equal(404, e.Status));
        Assert.All(batch.Errors, e => Assert.StartsWith("'customerId'", e.Error));
        foreach (var phone in new[] { "13100131201", "13100131202" }) Assert.Null(await Api.Api.Identities.LookupAsync("phone", phone));
        Assert.Null(await Api.Api.Customers.GetAsync("nobody-yet"));
        Assert.Equal("unk-order", Assert.Single(order.Pooled).EventId);
        // Said to be new, the CRM's customer is created by the first event naming its identity, as if it had named its id.
        Assert.Equal(1, created.Added);
        Assert.Equal(("crm-9", "phone", false), crmOrder.Resolved.Select(r => (r.CustomerId, r.By, r.Created)).Single());
        Assert.Equal(1, (await Api.Api.Customers.GetAsync("crm-9"))!.Counters.Orders);
        // Known now (it holds an identity), it takes more without being said to be new.
        Assert.Equal(2, (await Api.Api.Identities.AddAsync("crm-9", Named(("email", "crm9@example.com")))).Identities.Count);
    }

    [Fact]
    public async Task A_tenant_sets_the_region_its_phones_are_read_in_and_which_events_create_customers()
    {
        using var hk = new PlatformClient(platform.Node.BaseAddress);
        await hk.ProvisionAsync("hk-shop", "mei");
        var defaults = await hk.Api.Identities.GetSettingsAsync();
        var set = await hk.Api.Identities.PutSettingsAsync("hk", ["friend.added", "order.paid"]);
        var badRegion = await Assert.ThrowsAsync<PlatformApiException>(() => hk.Api.Identities.PutSettingsAsync("XX", ["friend.added"]));
        var badType = await Assert.ThrowsAsync<PlatformApiException>(() => hk.Api.Identities.PutSettingsAsync("CN", ["order.shipped"]));

        var order = await hk.PostEventsAsync(Order("hk-order", "HK-1", 10m, ("phone", "6123 4567")));

        Assert.Equal(("CN", "friend.added", false), (defaults.DefaultRegion, string.Join(",", defaults.CreateCustomerOn), defaults.Custom));
        Assert.Equal(("HK", "friend.added,order.paid", true), (set.DefaultRegion, string.Join(",", set.CreateCustomerOn), set.Custom));
        Assert.Equal(["defaultRegion"], badRegion.Problem!.Errors!.Keys);
        Assert.Equal(["createCustomerOn[0]"], badType.Problem!.Errors!.Keys);
        var created = order.Resolved.Single();
        Assert.True(created.Created);
        // Read as a Hong Kong number: the customer holds +85261234567.
        Assert.Equal(created.CustomerId, (await hk.Api.Identities.LookupAsync("phone", "+852 6123 4567"))!.CustomerId);
        Assert.Equal(1, (await hk.Api.Customers.GetAsync(created.CustomerId))!.Counters.Orders);
        // The other tenant still reads national numbers as Chinese ones, and waits with orders.
        Assert.Single((await Api.PostEventsAsync(Order("cn-order", "CN-1", 10m, ("phone", "13200132000")))).Pooled);
    }

    private static async Task<T?> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        return null;
    }
}
