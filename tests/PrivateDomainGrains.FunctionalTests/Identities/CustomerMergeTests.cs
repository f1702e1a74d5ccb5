using System.Globalization;
using System.Net;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// Merging two customers who are one person, and undoing it (issue 14), through a real node and PostgreSQL: the
/// absorbed id reads and receives events as the survivor, history is counted exactly, identities follow, and an undo
/// gives both customers back exactly as they were.
/// </summary>
public sealed class CustomerMergeTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());

    private static PostedEvent Friend(string id, string customer, string staff, DateTimeOffset at) => new(id, customer, "friend.added", at, "wecom", staff);

    private static PostedEvent Message(string id, string customer, DateTimeOffset at, string text = "hello") =>
        new(id, customer, "message.received", at, "wecom", Text: text);

    private static PostedEvent Order(string id, string customer, DateTimeOffset at, decimal amount, string phone) =>
        new(id, customer, "order.paid", at, "shop", Identities: new Dictionary<string, string> { ["phone"] = phone }, Data: new Dictionary<string, string>
        {
            ["orderId"] = "O-" + id, ["amount"] = amount.ToString(CultureInfo.InvariantCulture), ["currency"] = "CNY",
        });

    /// <summary>A customer of alice's on WeCom (three events) and the same person as a shop's buyer (two orders, a phone, a tag).</summary>
    private async Task TwoChannelsAsync(string wecom, string shop, string phone)
    {
        await Api.PostEventsAsync(Friend($"{wecom}-1", wecom, "alice", T), Message($"{wecom}-2", wecom, T.AddMinutes(10)), Message($"{wecom}-3", wecom, T.AddMinutes(40)));
        await Api.PostEventsAsync(Order($"{shop}-1", shop, T.AddMinutes(20), 120m, phone), Order($"{shop}-2", shop, T.AddMinutes(30), 80m, phone));
        await Api.Api.Customers.AddTagsAsync(shop, ["buyer"]);
    }

    /// <summary>The customer's history as <c>seq:eventId</c>, newest first.</summary>
    private async Task<List<string>> HistoryAsync(string customerId) =>
        [.. (await Api.Api.Customers.ListInteractionsAsync(customerId, limit: 500)).Items.Select(i => $"{i.Seq}:{i.EventId}")];

    private async Task<string> HistoriesAsync(params string[] customerIds) =>
        string.Join(" | ", await Task.WhenAll(customerIds.Select(async c => string.Join(",", await HistoryAsync(c)))));

    [Fact]
    public async Task A_merged_customer_reads_as_the_survivor_with_both_histories_counted_exactly_and_its_identities_and_events_follow()
    {
        await TwoChannelsAsync("mg-wx", "mg-shop", "139 0013 9001");

        var merged = await Api.Api.Customers.MergeAsync("mg-wx", "mg-shop");

        Assert.Equal(("mg-wx", "mg-shop", 2L, 1, null), (merged.Merge.SurvivorId, merged.Merge.AbsorbedId, merged.Merge.MovedEvents, merged.Merge.MovedIdentities, merged.Merge.UndoneAt));
        var viaAbsorbed = (await Api.Api.Customers.GetAsync("mg-shop"))!;
        Assert.Equal(("mg-wx", "alice", 5L, 2, 2, 200m), (viaAbsorbed.CustomerId, viaAbsorbed.Owner, viaAbsorbed.Counters.Events,
            viaAbsorbed.Counters.MessagesReceived, viaAbsorbed.Counters.Orders, viaAbsorbed.LifetimeValue.Single().Amount));
        Assert.Contains("buyer", viaAbsorbed.Tags);
        Assert.Equal(["+8613900139001"], viaAbsorbed.Phones);
        // Every event once, the absorbed ones after the survivor's own: read through either id.
        var history = await HistoryAsync("mg-shop");
        Assert.Equal(["5:mg-shop-2", "4:mg-shop-1", "3:mg-wx-3", "2:mg-wx-2", "1:mg-wx-1"], history);
        Assert.Equal(history, await HistoryAsync("mg-wx"));
        Assert.Equal("mg-wx", (await Api.Api.Identities.LookupAsync("phone", "13900139001"))!.CustomerId);
        // The absorbed id's identities are the survivor's, read or added through either id.
        var listed = await Api.Api.Identities.ListAsync("mg-shop");
        Assert.Equal(("mg-wx", "+8613900139001"), (listed.CustomerId, listed.Identities.Single().Value));
        var added = await Api.Api.Identities.AddAsync("mg-shop", new Dictionary<string, string> { ["email"] = "Lin@Example.com" });
        Assert.Equal(("mg-wx", 2), (added.CustomerId, added.Identities.Count));

        var later = await Api.PostEventsAsync(Message("mg-later-1", "mg-shop", T.AddMinutes(50), "still there?"),
            new PostedEvent("mg-later-2", null, "message.received", T.AddMinutes(51), "shop", Text: "by phone",
                Identities: new Dictionary<string, string> { ["phone"] = "+86 139 0013 9001" }));
        Assert.Equal((2, 0), (later.Accepted, later.Rejected));
        Assert.Equal("mg-wx", later.Resolved.Single().CustomerId);
        // Naming the absorbed id and a phone the survivor holds now is no conflict: both are the survivor.
        var both = await Api.PostEventsAsync(new PostedEvent("mg-later-3", "mg-shop", "message.received", T.AddMinutes(52), "shop", Text: "both",
            Identities: new Dictionary<string, string> { ["phone"] = "13900139001" }));
        Assert.Equal((1, "mg-wx"), (both.Accepted, both.Resolved.Single().CustomerId));
        var survivor = (await Api.Api.Customers.GetAsync("mg-wx"))!;
        Assert.Equal((8L, 5), (survivor.Counters.Events, survivor.Counters.MessagesReceived));
        Assert.Equal(8, (await HistoryAsync("mg-wx")).Count);
        // The same event again, through either id, is the duplicate it is.
        var again = await Api.PostEventsAsync(Message("mg-later-1", "mg-wx", T.AddMinutes(50), "still there?"), Message("mg-shop-1", "mg-shop", T.AddMinutes(20)));
        Assert.Equal(0, again.Accepted);

        var merges = await Api.Api.Customers.ListMergesAsync("mg-shop");
        Assert.Equal(merged.Merge.MergeId, merges.Items.Single().MergeId);
        var alice = Api.Api.WithConsoleToken(await Api.ConsoleTokenAsync("alice")).Workbench;
        Assert.Contains((await alice.ListTimelineAsync("mg-wx")).Items, e => e.Kind == "change" && e.What == "merged");
        Assert.Contains((await alice.ListTimelineAsync("mg-shop")).Items, e => e.Kind == "change" && e.What == "merged-into");
    }

    [Fact]
    public async Task Undoing_a_merge_gives_both_customers_back_exactly_as_they_were_and_loses_nothing()
    {
        await TwoChannelsAsync("un-wx", "un-shop", "139 0013 9002");
        var before = (Json(await Api.Api.Customers.GetAsync("un-wx")), Json(await Api.Api.Customers.GetAsync("un-shop")));
        var histories = await HistoriesAsync("un-wx", "un-shop");
        var identities = (Json(await Api.Api.Identities.ListAsync("un-wx")), Json(await Api.Api.Identities.ListAsync("un-shop")));

        var merged = await Api.Api.Customers.MergeAsync("un-wx", "un-shop");
        Assert.Equal(5L, merged.Survivor.Counters.Events);
        var undone = await Api.Api.Customers.UndoMergeAsync("un-wx", merged.Merge.MergeId);

        Assert.NotNull(undone.Merge.UndoneAt);
        Assert.Equal(before, (Json(await Api.Api.Customers.GetAsync("un-wx")), Json(await Api.Api.Customers.GetAsync("un-shop"))));
        Assert.Equal(histories, await HistoriesAsync("un-wx", "un-shop"));
        Assert.Equal(identities, (Json(await Api.Api.Identities.ListAsync("un-wx")), Json(await Api.Api.Identities.ListAsync("un-shop"))));
        Assert.Equal("un-shop", (await Api.Api.Identities.LookupAsync("phone", "13900139002"))!.CustomerId);
        // Each stands on its own again: a new event for the absorbed id is its own.
        Assert.Equal(1, (await Api.PostEventsAsync(Message("un-after", "un-shop", T.AddMinutes(60)))).Accepted);
        Assert.Equal((3L, 3L), ((await Api.Api.Customers.GetAsync("un-wx"))!.Counters.Events, (await Api.Api.Customers.GetAsync("un-shop"))!.Counters.Events));
        // Merged again later, everything combines again.
        var remerged = await Api.Api.Customers.MergeAsync("un-wx", "un-shop");
        Assert.Equal((3L, 6L), (remerged.Merge.MovedEvents, remerged.Survivor.Counters.Events));
    }

    [Fact]
    public async Task An_undo_after_the_survivor_changed_is_a_409_saying_what_changed_and_changes_nothing()
    {
        await TwoChannelsAsync("ch-wx", "ch-shop", "139 0013 9003");
        var merged = await Api.Api.Customers.MergeAsync("ch-wx", "ch-shop");
        await Api.PostEventsAsync(Message("ch-new", "ch-shop", T.AddMinutes(70)));

        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Api.Customers.UndoMergeAsync("ch-wx", merged.Merge.MergeId));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("1 events arrived", refused.Problem!.Detail);
        Assert.Equal("ch-wx", (await Api.Api.Customers.GetAsync("ch-shop"))!.CustomerId);
        Assert.Equal(6, (await HistoryAsync("ch-wx")).Count);
        Assert.Null((await Api.Api.Customers.ListMergesAsync("ch-wx")).Items.Single().UndoneAt);
    }

    [Fact]
    public async Task Merges_that_cannot_be_are_refused_and_change_nothing()
    {
        await TwoChannelsAsync("cf-a", "cf-b", "139 0013 9004");
        await Api.PostEventsAsync(Friend("cf-c-1", "cf-c", "bob", T));

        Assert.Equal(HttpStatusCode.Conflict, await StatusOfAsync(() => Api.Api.Customers.MergeAsync("cf-a", "cf-a")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => Api.Api.Customers.MergeAsync("cf-a", "cf-nobody")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => Api.Api.Customers.MergeAsync("cf-nobody", "cf-a")));
        var across = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/customers/cf-a/merge", new { absorbedId = "cf-b", absorbedTenant = "other" }, Api.ApiKey);
        Assert.Equal(HttpStatusCode.Conflict, across.StatusCode);
        var invalid = await Api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{Api.Tenant}/customers/cf-a/merge", new { absorbedId = "a/b" }, Api.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("absorbedId", await invalid.Content.ReadAsStringAsync());
        Assert.Equal((3L, 2L), ((await Api.Api.Customers.GetAsync("cf-a"))!.Counters.Events, (await Api.Api.Customers.GetAsync("cf-b"))!.Counters.Events));

        var merged = await Api.Api.Customers.MergeAsync("cf-a", "cf-b");
        // Into an absorbed customer, or the absorbed one again: 409.
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfAsync(() => Api.Api.Customers.MergeAsync("cf-b", "cf-c")));
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfAsync(() => Api.Api.Customers.MergeAsync("cf-c", "cf-b")));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => Api.Api.Customers.UndoMergeAsync("cf-c", merged.Merge.MergeId)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(() => Api.Api.Customers.UndoMergeAsync("cf-a", "mg-unknown")));
        Assert.Equal(1L, (await Api.Api.Customers.GetAsync("cf-c"))!.Counters.Events);
        await Api.Api.Customers.UndoMergeAsync("cf-a", merged.Merge.MergeId);
        Assert.Equal(HttpStatusCode.Conflict, await StatusOfAsync(() => Api.Api.Customers.UndoMergeAsync("cf-a", merged.Merge.MergeId)));
    }

    [Fact]
    public async Task Erasing_a_survivor_erases_the_customers_merged_into_it_and_the_merge_and_refuses_events_for_either_id()
    {
        await TwoChannelsAsync("er-wx", "er-shop", "139 0013 9005");
        await Api.Api.Customers.MergeAsync("er-wx", "er-shop");

        var erased = await Api.Api.PersonalData.EraseAsync("er-wx");

        Assert.Equal((5, 1, 1), (erased.Rows["pdg_event_journal"], erased.Rows["pdg_identities"], erased.Rows["pdg_customer_merges"]));
        Assert.Null(await Api.Api.Customers.GetAsync("er-shop"));
        Assert.Empty((await Api.Api.Customers.ListMergesAsync("er-shop")).Items);
        Assert.Null(await Api.Api.Identities.LookupAsync("phone", "13900139005"));
        var later = await Api.PostEventsAsync(Message("er-later-1", "er-shop", T.AddMinutes(80)), Message("er-later-2", "er-wx", T.AddMinutes(80)));
        Assert.Equal((0, 2), (later.Accepted, later.Rejected));
    }

    private static async Task<HttpStatusCode> StatusOfAsync(Func<Task> call) => (await Assert.ThrowsAsync<PlatformApiException>(call)).StatusCode;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
