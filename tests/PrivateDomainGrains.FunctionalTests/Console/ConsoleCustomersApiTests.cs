using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The console routes of the staff workbench (<c>/api/v1/console/</c>) through the SDK, as a signed-in staff member: their
/// customers listed, filtered, searched and paged; a customer's detail, timeline and tags; and nothing of anyone else's.
/// Each test has a tenant of its own.
/// </summary>
public sealed class ConsoleCustomersApiTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private async Task<PlatformClient> TenantAsync(string tenant)
    {
        var api = new PlatformClient(platform.Node.BaseAddress);
        await api.ProvisionAsync(tenant, "alice", "bob");
        return api;
    }

    private static async Task<WorkbenchClient> ConsoleOfAsync(PlatformClient api, string staffId) =>
        api.Api.WithConsoleToken(await api.ConsoleTokenAsync(staffId)).Workbench;

    [Fact]
    public async Task A_staff_member_lists_only_their_own_customers_and_finds_them_by_a_two_character_chinese_name_tag_or_id_fragment()
    {
        using var api = await TenantAsync("cc-list");
        await api.PostEventsAsync(
            Events.FriendAdded("l-1", "wm-lin", "alice", nickname: "林晓雯"),
            Events.FriendAdded("l-2", "wm-zhou", "alice", nickname: "周杰"),
            Events.FriendAdded("l-3", "wm-bob-1", "bob", nickname: "林小明"));
        var alice = await ConsoleOfAsync(api, "alice");
        await alice.AddTagAsync("wm-zhou", "VIP");

        var all = await alice.ListCustomersAsync();
        Assert.Equal(["wm-lin", "wm-zhou"], all.Items.Select(c => c.CustomerId).Order());
        Assert.All(all.Items, c => Assert.Equal(("alice", "Active", 1), (c.Owner, c.Status, c.OpenNudges)));
        Assert.Null(all.Next);

        Assert.Equal(["wm-lin"], (await alice.ListCustomersAsync(new(Query: "晓雯"))).Items.Select(c => c.CustomerId));
        // One character is a search too; bob's 林小明 is not alice's to find.
        Assert.Equal(["wm-lin"], (await alice.ListCustomersAsync(new(Query: "林"))).Items.Select(c => c.CustomerId));
        Assert.Equal(["wm-zhou"], (await alice.ListCustomersAsync(new(Query: "M-ZH"))).Items.Select(c => c.CustomerId));
        Assert.Equal(["wm-zhou"], (await alice.ListCustomersAsync(new(Tag: "VIP"))).Items.Select(c => c.CustomerId));
        Assert.Empty((await alice.ListCustomersAsync(new(HasOpenNudges: false))).Items);
        Assert.Equal(2, (await alice.ListCustomersAsync(new(Tier: "prospect", Status: "active"))).Items.Count);
    }

    [Fact]
    public async Task A_customers_open_nudges_in_the_list_follow_its_nudges_as_they_close_and_its_row_keeps_the_rest()
    {
        using var api = await TenantAsync("cc-open");
        await api.PostEventsAsync(Events.FriendAdded("o-1", "wm-open", "alice", nickname: "欧阳娜"));
        var alice = await ConsoleOfAsync(api, "alice");
        await alice.AddTagAsync("wm-open", "VIP-open");
        var nudge = (await alice.GetCustomerAsync("wm-open"))!.NextBestAction!.NudgeId;

        Assert.Equal("closed", (await alice.MarkDoneAsync(nudge)).Result);

        // Closing the nudge changes only the customer's activity, written alone; the name, tags and search stay as stored.
        var row = Assert.Single((await alice.ListCustomersAsync(new(Query: "欧阳"))).Items);
        Assert.Equal(("wm-open", 0), (row.CustomerId, row.OpenNudges));
        Assert.Equal(["VIP-open"], row.Tags);
        Assert.Equal(["wm-open"], (await alice.ListCustomersAsync(new(HasOpenNudges: false, Tag: "VIP-open"))).Items.Select(c => c.CustomerId));
        Assert.Empty((await alice.ListCustomersAsync(new(HasOpenNudges: true, Tag: "VIP-open"))).Items);
    }

    [Fact]
    public async Task A_customer_is_found_by_the_remark_and_by_the_last_digits_of_the_phone_number()
    {
        using var api = await TenantAsync("cc-phone");
        // The remark and the phone are custom fields; here a rule copies them from the event, as an integration's data would carry them.
        await api.Api.Playbook.PutAsync("""
            { "rules": [ { "id": "profile", "trigger": { "kind": "event", "event": "friend.added" },
                "actions": [ { "kind": "setField", "field": "remark", "value": "{data.remark}" },
                             { "kind": "setField", "field": "phone", "value": "{data.phone}" } ] } ] }
            """);
        await api.PostEventsAsync(
            new PostedEvent("f-1", "li", "friend.added", StaffId: "alice", Data: new Dictionary<string, string> { ["remark"] = "上海 老客户 敏感肌", ["phone"] = "+86 138-0013-8000" }),
            new PostedEvent("f-2", "wu", "friend.added", StaffId: "alice", Data: new Dictionary<string, string> { ["remark"] = "北京", ["phone"] = "13912345678" }));
        var alice = await ConsoleOfAsync(api, "alice");

        Assert.Equal(["li"], (await alice.ListCustomersAsync(new(Query: "敏感"))).Items.Select(c => c.CustomerId));
        Assert.Equal("上海 老客户 敏感肌", (await alice.ListCustomersAsync(new(Query: "敏感"))).Items.Single().Remark);
        Assert.Equal(["li"], (await alice.ListCustomersAsync(new(Query: "8000"))).Items.Select(c => c.CustomerId));
        Assert.Equal(["wu"], (await alice.ListCustomersAsync(new(Query: "12345678"))).Items.Select(c => c.CustomerId));
        Assert.Empty((await alice.ListCustomersAsync(new(Query: "1380"))).Items); // the middle of a number is not its end
        Assert.Equal("13912345678", (await alice.GetCustomerAsync("wu"))!.Fields["phone"]);
    }

    [Fact]
    public async Task A_customer_shows_rfm_scores_and_lifetime_value_per_currency_never_added_together()
    {
        using var api = await TenantAsync("cc-values");
        var now = DateTimeOffset.UtcNow;
        await api.PostEventsAsync(
            Events.FriendAdded("v-1", "wang", "alice", at: now.AddDays(-100)),
            Events.OrderPaid("v-2", "wang", "o-1", 2000m, at: now.AddDays(-95)),
            Events.OrderPaid("v-3", "wang", "o-2", 1200m, at: now.AddDays(-40)),
            Events.OrderPaid("v-4", "wang", "o-3", 35.5m, "USD", at: now.AddDays(-40)));
        var alice = await ConsoleOfAsync(api, "alice");

        var wang = (await alice.GetCustomerAsync("wang"))!;
        Assert.Equal([new MoneyView("CNY", 3200m), new MoneyView("USD", 35.5m)], wang.LifetimeValue);
        // Last order 40 days ago: recency 4; 3 orders: frequency 3; 3,200 in its own currency: monetary 4.
        Assert.Equal(new RfmView(4, 3, 4), wang.Rfm);
        var viaTenantApi = (await api.Api.Customers.GetAsync("wang"))!;
        Assert.Equal((wang.Rfm, 3200m, "CNY"), (viaTenantApi.Rfm, viaTenantApi.Counters.Spend, viaTenantApi.Counters.Currency));
    }

    [Fact]
    public async Task The_list_shows_each_customers_rfm_scores_and_lifetime_value_per_currency_never_added_together_however_it_is_read()
    {
        using var api = await TenantAsync("cc-list-values");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, "Mona", "manager", "north"));
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        var now = DateTimeOffset.UtcNow;
        await api.PostEventsAsync(
            Events.FriendAdded("lv-1", "wang", "alice", nickname: "王晓雯", at: now.AddDays(-100)),
            Events.OrderPaid("lv-2", "wang", "o-1", 2000m, at: now.AddDays(-95)),
            Events.OrderPaid("lv-3", "wang", "o-2", 1200m, at: now.AddDays(-40)),
            Events.OrderPaid("lv-4", "wang", "o-3", 35.5m, "USD", at: now.AddDays(-40)),
            new PostedEvent("lv-5", "wang", "order.refunded", now.AddDays(-39),
                Data: new Dictionary<string, string> { ["orderId"] = "o-2", ["amount"] = "200", ["currency"] = "CNY" }),
            Events.FriendAdded("lv-6", "zhou", "alice", nickname: "周杰", at: now.AddDays(-2)));
        // Paid 3,200 and refunded 200 in CNY, 35.5 in USD: two amounts, never one sum. Last order 40 days ago: recency 4;
        // 3 orders: frequency 3; 3,000 in its own currency: monetary 4. 周杰 never ordered: zeros and no amount.
        var wang = ("wang", 3, new RfmView(4, 3, 4), (MoneyView[])[new("CNY", 3000m), new("USD", 35.5m)]);
        var zhou = ("zhou", 0, new RfmView(0, 0, 0), (MoneyView[])[]);
        static (string, int, RfmView, MoneyView[]) Values(ConsoleCustomerSummary c) => (c.CustomerId, c.Orders, c.Rfm, [.. c.LifetimeValue]);
        var alice = await ConsoleOfAsync(api, "alice");
        var mona = await ConsoleOfAsync(api, "mona");

        // Each way the directory reads a page: one owner's list, a search through the index, a one-character search
        // among the owner's most recent, the end of a phone number, and a team's list merged owner by owner.
        Assert.Equal([wang, zhou], (await alice.ListCustomersAsync()).Items.Select(Values).OrderBy(v => v.Item1));
        Assert.Equal([wang], (await alice.ListCustomersAsync(new(Query: "晓雯"))).Items.Select(Values));
        Assert.Equal([wang], (await alice.ListCustomersAsync(new(Query: "王"))).Items.Select(Values));
        await api.Api.Identities.AddAsync("wang", new Dictionary<string, string> { ["phone"] = "13800138000" });
        Assert.Equal([wang], (await alice.ListCustomersAsync(new(Query: "8000"))).Items.Select(Values));
        Assert.Equal([wang, zhou], (await mona.ListCustomersAsync()).Items.Select(Values).OrderBy(v => v.Item1));
    }

    [Fact]
    public async Task A_remark_set_by_the_owner_is_listed_searched_and_in_the_timeline_and_a_bad_or_foreign_one_stores_nothing()
    {
        using var api = await TenantAsync("cc-remark");
        await api.PostEventsAsync(Events.FriendAdded("r-1", "zhao", "alice", nickname: "赵敏"), Events.FriendAdded("r-2", "bobs", "bob", nickname: "Bob's"));
        var alice = await ConsoleOfAsync(api, "alice");

        var set = await alice.SetRemarkAsync("zhao", "  杭州 敏感肌 周末联系  ");

        Assert.Equal("杭州 敏感肌 周末联系", set.Fields["remark"]);
        Assert.Equal("杭州 敏感肌 周末联系", (await alice.ListCustomersAsync(new(Query: "周末"))).Items.Single().Remark);
        var change = (await alice.ListTimelineAsync("zhao", limit: 1)).Items.Single();
        Assert.Equal(("change", "field-set"), (change.Kind, change.What));
        Assert.Equal(("remark", "杭州 敏感肌 周末联系", "staff:alice"), (change.Detail!["field"], change.Detail["value"], change.Detail["by"]));
        // The same remark again is no change; an empty one clears it.
        await alice.SetRemarkAsync("zhao", "杭州 敏感肌 周末联系");
        Assert.Equal("field-set", (await alice.ListTimelineAsync("zhao", limit: 1)).Items.Single().What);
        Assert.Single((await alice.ListTimelineAsync("zhao")).Items, e => e.What == "field-set");
        Assert.False((await alice.SetRemarkAsync("zhao", "")).Fields.ContainsKey("remark"));
        Assert.Empty((await alice.ListCustomersAsync(new(Query: "周末"))).Items);

        var tooLong = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetRemarkAsync("zhao", new string('备', 201)));
        var control = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetRemarkAsync("zhao", "a\u0000b"));
        Assert.All(new[] { tooLong, control }, e => Assert.Equal((HttpStatusCode.BadRequest, true), (e.StatusCode, e.Problem!.Detail!.Contains("'remark'"))));
        var foreign = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetRemarkAsync("bobs", "mine"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.False((await api.Api.Customers.GetAsync("zhao"))!.Fields.ContainsKey("remark"));
        Assert.False((await api.Api.Customers.GetAsync("bobs"))!.Fields.ContainsKey("remark"));
    }

    [Fact]
    public async Task The_customers_phone_numbers_come_from_its_identities_and_find_it_by_their_last_digits()
    {
        using var api = await TenantAsync("cc-phones");
        await api.PostEventsAsync(Events.FriendAdded("ph-1", "qian", "alice", nickname: "钱"), Events.FriendAdded("ph-2", "bobs", "bob", nickname: "Bob's"));
        await api.Api.Identities.AddAsync("qian", new Dictionary<string, string> { ["phone"] = "+86 138 0013 8000", ["email"] = "qian@example.com" });
        await api.Api.Identities.AddAsync("bobs", new Dictionary<string, string> { ["phone"] = "13900138000" });
        var alice = await ConsoleOfAsync(api, "alice");

        Assert.Equal(["+8613800138000"], (await alice.GetCustomerAsync("qian"))!.Phones);
        Assert.Equal(["+8613800138000"], (await alice.AddTagAsync("qian", "VIP")).Phones);
        Assert.Equal(["+8613800138000"], (await api.Api.Customers.GetAsync("qian"))!.Phones);
        // bob's customer ends in the same digits: not alice's to find.
        foreach (var suffix in new[] { "8000", "0138000", "13800138000" })
            Assert.Equal(["qian"], (await alice.ListCustomersAsync(new(Query: suffix))).Items.Select(c => c.CustomerId));
        Assert.Empty((await alice.ListCustomersAsync(new(Query: "1380"))).Items);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        using var api = await TenantAsync("cc-pages");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await api.PostEventsAsync([.. Enumerable.Range(0, 7).Select(i => Events.FriendAdded($"p-{i}", $"c-{i}", "alice", at: start.AddMinutes(i % 3)))]);
        var alice = await ConsoleOfAsync(api, "alice");

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await alice.ListCustomersAsync(new(After: after, Limit: 3));
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(c => c.CustomerId));
            after = page.Next;
        } while (after is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"c-{i}").Order(), seen.Order());
        Assert.Equal(7, seen.Distinct().Count());
    }

    [Fact]
    public async Task The_timeline_shows_the_message_the_nudge_what_was_done_with_it_and_the_tag_newest_first()
    {
        using var api = await TenantAsync("cc-timeline");
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await api.PostEventsAsync(Events.FriendAdded("t-1", "sun", "alice", nickname: "孙", at: at));
        await api.PostEventsAsync(Events.MessageReceived("t-2", "sun", "有没有适合油皮的粉底液？"));
        await using (var hub = await ConsoleClient.ConnectAsync(platform.Node.BaseAddress, await api.ConsoleTokenAsync("alice")))
        {
            var reply = await hub.WaitForAsync(n => n.CustomerId == "sun" && n.Kind == "reply");
            Assert.Equal("closed", await hub.AckAsync(reply.Id));
        }
        var alice = await ConsoleOfAsync(api, "alice");
        var tagged = await alice.AddTagAsync("sun", "油皮");
        Assert.Contains("油皮", tagged.Tags);

        var timeline = await alice.ListTimelineAsync("sun");
        var kinds = timeline.Items.Select(e => (e.Kind, e.What)).ToList();
        Assert.Equal(("change", "tag-added"), kinds[0]);
        Assert.Contains(("event", "message.received"), kinds);
        Assert.Contains(("nudge-raised", "reply"), kinds);
        Assert.Contains(("nudge-closed", "done"), kinds);
        Assert.Equal(("event", "friend.added"), kinds[^1]);
        Assert.Equal("有没有适合油皮的粉底液？", timeline.Items.Single(e => e.What == "message.received").Text);
        Assert.True(timeline.Items.Zip(timeline.Items.Skip(1)).All(p => p.First.At >= p.Second.At), "not newest first");

        // Paged one at a time, the same entries in the same order.
        var paged = new List<string>();
        string? before = null;
        do
        {
            var page = await alice.ListTimelineAsync("sun", before, limit: 1);
            paged.AddRange(page.Items.Select(e => e.Kind + "/" + e.What + "/" + e.Id));
            before = page.Next;
        } while (before is not null);
        Assert.Equal(timeline.Items.Select(e => e.Kind + "/" + e.What + "/" + e.Id), paged);

        var removed = await alice.RemoveTagAsync("sun", "油皮");
        Assert.DoesNotContain("油皮", removed.Tags);
        Assert.Equal(("change", "tag-removed"), (await alice.ListTimelineAsync("sun", limit: 1)).Items.Select(e => (e.Kind, e.What)).Single());
    }

    [Fact]
    public async Task Another_staff_members_customer_is_answered_exactly_like_a_missing_one()
    {
        using var api = await TenantAsync("cc-other");
        await api.PostEventsAsync(Events.FriendAdded("o-1", "bobs", "bob", nickname: "Bob's"));
        var alice = await ConsoleOfAsync(api, "alice");
        var token = await api.ConsoleTokenAsync("alice");

        Assert.Null(await alice.GetCustomerAsync("bobs"));
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, "/api/v1/console/customers/{0}"), (HttpMethod.Get, "/api/v1/console/customers/{0}/timeline"),
                     (HttpMethod.Put, "/api/v1/console/customers/{0}/tags/mine"), (HttpMethod.Delete, "/api/v1/console/customers/{0}/tags/mine"),
                 })
        {
            var other = await api.SendRawAsync(method, string.Format(path, "bobs"), null, token);
            var missing = await api.SendRawAsync(method, string.Format(path, "nobody"), null, token);
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (other.StatusCode, missing.StatusCode));
            Assert.Equal(Words(await missing.Content.ReadAsStringAsync()).Replace("nobody", "bobs"), Words(await other.Content.ReadAsStringAsync()));
        }
        Assert.DoesNotContain("mine", (await api.Api.Customers.GetAsync("bobs"))!.Tags);

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => alice.ListCustomersAsync(new(Owner: "bob")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // A console token is not a key: the integration and admin routes stay closed to it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/cc-other/customers/bobs", null, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/cc-other/staff", null, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendRawAsync(HttpMethod.Get, "/api/v1/console/customers", null, api.AdminKey)).StatusCode);
    }

    [Fact]
    public async Task A_staff_member_sees_another_owners_customer_while_a_nudge_about_it_is_addressed_to_them_and_not_after()
    {
        using var api = await TenantAsync("cc-addressed");
        var playbook = await api.Api.Playbook.PutAsync("""
            { "rules": [ { "id": "visit", "trigger": { "kind": "event", "event": "x.store-visit" },
                "actions": [ { "kind": "nudge", "nudgeKind": "visit", "title": "Greet {name}", "script": "Welcome them in store", "proactive": false, "to": "staff" } ] } ] }
            """);
        await api.PostEventsAsync(Events.FriendAdded("ad-1", "alices", "alice", nickname: "Alice's"));
        for (var i = 0; i < 100 && (await api.Api.Customers.GetAsync("alices"))!.PlaybookVersion != playbook.Version; i++) await Task.Delay(100);
        await using var bobConsole = await ConsoleClient.ConnectAsync(platform.Node.BaseAddress, await api.ConsoleTokenAsync("bob"));
        var bob = await ConsoleOfAsync(api, "bob");
        Assert.Null(await bob.GetCustomerAsync("alices"));

        // The customer walks into bob's store: the nudge goes to bob by name, and bob can open whom it is about.
        await api.PostEventsAsync(new PostedEvent("ad-2", "alices", "x.store-visit", StaffId: "bob"));
        var nudge = await bobConsole.WaitForAsync(n => n.EventId == "ad-2");
        Assert.Equal(("visit", "alice"), (nudge.Kind, (await bob.GetCustomerAsync("alices"))!.Owner));
        Assert.NotEmpty((await bob.ListTimelineAsync("alices")).Items);

        await bob.MarkDoneAsync(nudge.Id);
        Assert.Null(await bob.GetCustomerAsync("alices"));
    }

    /// <summary>What a problem says (its trace id aside, which differs per request).</summary>
    private static string Words(string problem)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(problem)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_manager_sees_the_teams_customers_and_the_unowned_and_not_another_teams()
    {
        using var api = await TenantAsync("cc-team");
        await api.Api.Staff.CreateAsync(new CreateStaffRequest("mona", PlatformClient.StaffPassword, "Mona", "manager", "north"));
        await api.Api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.PostEventsAsync(
            Events.FriendAdded("m-1", "of-alice", "alice"), Events.FriendAdded("m-2", "of-bob", "bob"),
            Events.MessageReceived("m-3", "of-no-one", "hello"));
        var mona = await ConsoleOfAsync(api, "mona");

        Assert.Equal("manager", (await mona.GetMeAsync()).Role);
        Assert.Equal(["of-alice"], (await mona.ListCustomersAsync()).Items.Select(c => c.CustomerId));
        Assert.Equal(["of-alice"], (await mona.ListCustomersAsync(new(Owner: "alice"))).Items.Select(c => c.CustomerId));
        Assert.Equal(["of-no-one"], (await mona.ListCustomersAsync(new(Owner: "none"))).Items.Select(c => c.CustomerId));
        Assert.NotNull(await mona.GetCustomerAsync("of-alice"));
        Assert.NotNull(await mona.GetCustomerAsync("of-no-one"));
        Assert.Null(await mona.GetCustomerAsync("of-bob"));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => mona.ListCustomersAsync(new(Owner: "bob")))).StatusCode);
        var alice = await ConsoleOfAsync(api, "alice");
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<PlatformApiException>(() => alice.ListCustomersAsync(new(Owner: "none")))).StatusCode);

        // The team's list is read owner by owner and merged: its pages still follow each other exactly.
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        await api.PostEventsAsync([.. Enumerable.Range(0, 5).Select(i => Events.FriendAdded($"m-a{i}", $"a-{i}", i % 2 == 0 ? "alice" : "mona", at: start.AddMinutes(i % 2)))]);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await mona.ListCustomersAsync(new(After: after, Limit: 2));
            seen.AddRange(page.Items.Select(c => c.CustomerId));
            after = page.Next;
        } while (after is not null);
        Assert.Equal(["a-0", "a-1", "a-2", "a-3", "a-4", "of-alice"], seen.Order());
        Assert.Equal(6, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("tier=gold", "tier")]
    [InlineData("status=1", "status")]
    [InlineData("hasOpenNudges=yes", "hasOpenNudges")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("owner=bad%20id", "owner")]
    public async Task A_malformed_listing_is_refused_naming_the_parameter(string query, string parameter)
    {
        using var api = await TenantAsync("cc-bad-" + parameter.ToLowerInvariant());
        var token = await api.ConsoleTokenAsync("alice");

        var response = await api.SendRawAsync(HttpMethod.Get, "/api/v1/console/customers?" + query, null, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{parameter}'", await response.Content.ReadAsStringAsync());
    }
}
