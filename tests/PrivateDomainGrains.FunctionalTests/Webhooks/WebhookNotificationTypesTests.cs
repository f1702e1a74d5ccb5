using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// The notification types beyond nudges and tags (issue 15), each posted to a real receiver once its change committed;
/// and every type the platform sends can be named exactly, as the list the API serves names it.
/// </summary>
public sealed class WebhookNotificationTypesTests(WebhookPlatform platform) : IClassFixture<WebhookPlatform>
{
    private WebhookReceiver Receiver => platform.Receiver;

    [Fact]
    public async Task A_customer_lost_and_regained_is_notified_as_status_changed_from_and_to()
    {
        var client = await platform.TenantAsync("wh-status");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("status"), ["customer.status-changed"]));

        await client.PostEventsAsync(Events.FriendAdded("st-1", "lin", "alice"));
        await client.PostEventsAsync(new PostedEvent("st-2", "lin", "friend.deleted", null, "wecom", "alice"));
        await client.PostEventsAsync(Events.FriendAdded("st-3", "lin", "alice"));

        var requests = await Receiver.WaitForAsync("status", r => r.Count >= 2);
        Assert.All(requests, r => Assert.Equal(("customer.status-changed", "lin"), (r.Json.GetProperty("type").GetString(), r.Json.GetProperty("customerId").GetString())));
        Assert.Equal([("Active", "Lost"), ("Lost", "Active")],
            requests.OrderBy(r => r.Json.GetProperty("sequence").GetInt64())
                .Select(r => (r.Json.GetProperty("data").GetProperty("from").GetString(), r.Json.GetProperty("data").GetProperty("to").GetString())));
    }

    [Fact]
    public async Task An_order_for_an_unknown_phone_is_notified_as_unmatched_and_as_attached_once_a_customer_has_the_phone()
    {
        var client = await platform.TenantAsync("wh-orders");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("orders"), ["order.*"]));
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var order = new PostedEvent("wo-1", null, "order.paid", at, "shop", Identities: new Dictionary<string, string> { ["phone"] = "13600136000" },
            Data: new Dictionary<string, string> { ["orderId"] = "T-9001", ["amount"] = "66", ["currency"] = "CNY" });

        Assert.Single((await client.PostEventsAsync(order)).Pooled);
        var unmatched = (await Receiver.WaitForAsync("orders", r => r.Count >= 1)).Single().Json;
        Assert.Equal(("order.unmatched", "wo-1", "order.paid", "unknown-identity", "T-9001"),
            (unmatched.GetProperty("type").GetString(), unmatched.GetProperty("data").GetProperty("eventId").GetString(),
                unmatched.GetProperty("data").GetProperty("eventType").GetString(), unmatched.GetProperty("data").GetProperty("reason").GetString(),
                unmatched.GetProperty("data").GetProperty("data").GetProperty("orderId").GetString()));

        var added = await client.PostEventsAsync(new PostedEvent("wo-2", null, "friend.added", at.AddMinutes(1), "wecom", "alice",
            Identities: new Dictionary<string, string> { ["phone"] = "13600136000" }));
        var created = added.Resolved.Single().CustomerId;

        var requests = await Receiver.WaitForAsync("orders", r => r.Count >= 2);
        var attached = requests.Single(r => r.Json.GetProperty("type").GetString() == "order.attached").Json;
        Assert.Equal(("wo-1", created, created),
            (attached.GetProperty("data").GetProperty("eventId").GetString(), attached.GetProperty("customerId").GetString(),
                attached.GetProperty("data").GetProperty("customerId").GetString()));
        Assert.Equal(2, Receiver.At("orders").Count);
    }

    [Fact]
    public async Task An_event_refused_because_its_phone_names_another_customer_is_notified_as_an_identity_conflict_without_the_phone()
    {
        var client = await platform.TenantAsync("wh-conflict");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("conflict"), ["identity.*"]));
        var phone = new Dictionary<string, string> { ["phone"] = "13500135000" };
        await client.PostEventsAsync(new PostedEvent("ic-1", "ic-holder", "friend.added", null, "wecom", "alice", Identities: phone));

        var refused = await client.PostEventsAsync(new PostedEvent("ic-2", "ic-other", "message.received", null, "wecom", Text: "hi", Identities: phone));
        await client.PostEventsAsync(new PostedEvent("ic-2", "ic-other", "message.received", null, "wecom", Text: "hi", Identities: phone));

        Assert.Equal(409, Assert.Single(refused.Errors).Status);
        var request = (await Receiver.WaitForAsync("conflict", r => r.Count >= 1)).Single().Json;
        Assert.Equal(("identity.conflict", "ic-holder"), (request.GetProperty("type").GetString(), request.GetProperty("customerId").GetString()));
        var data = request.GetProperty("data");
        Assert.Equal(("ic-2", "message.received", "phone", "ic-holder", "ic-other"), (data.GetProperty("eventId").GetString(),
            data.GetProperty("eventType").GetString(), data.GetProperty("kind").GetString(), data.GetProperty("heldBy").GetString(), data.GetProperty("named").GetString()));
        Assert.DoesNotContain("13500135000", request.GetRawText());
        await Task.Delay(500); // a second notification for the retried event would have been posted by now (polled every 100 ms)
        Assert.Single(Receiver.At("conflict"));
    }

    [Fact]
    public async Task A_completed_handover_is_notified_once_with_what_it_moved()
    {
        var client = await platform.TenantAsync("wh-handover");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("handover"), ["handover.*"]));
        await client.Api.Staff.CreateAsync("bob", PlatformClient.StaffPassword, "Bob");
        await client.PostEventsAsync(Events.FriendAdded("ho-1", "han", "alice"), Events.FriendAdded("ho-2", "mo", "alice"));

        var started = await client.Api.Handovers.StartAsync("alice", "bob");

        var request = (await Receiver.WaitForAsync("handover", r => r.Count >= 1)).Single().Json;
        Assert.Equal("handover.finished", request.GetProperty("type").GetString());
        var data = request.GetProperty("data");
        Assert.Equal((started.HandoverId, "alice", "bob", false, 2L, 0L), (data.GetProperty("handoverId").GetString(), data.GetProperty("from").GetString(),
            data.GetProperty("to").GetString(), data.GetProperty("departure").GetBoolean(), data.GetProperty("moved").GetInt64(), data.GetProperty("remaining").GetInt64()));
        await Task.Delay(500); // a second notification would have been posted by now (polled every 100 ms)
        Assert.Single(Receiver.At("handover"));
    }

    [Fact]
    public async Task A_merge_and_its_undoing_reach_a_subscription_naming_their_exact_types_on_both_customers()
    {
        var client = await platform.TenantAsync("wh-merge");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("merge"), ["customer.merged", "customer.merged-into", "customer.merge-undone"]));
        await client.PostEventsAsync(Events.FriendAdded("mg-1", "mg-wx", "alice"), Events.FriendAdded("mg-2", "mg-shop", "alice"));

        var merged = await client.Api.Customers.MergeAsync("mg-wx", "mg-shop");
        await client.Api.Customers.UndoMergeAsync("mg-wx", merged.Merge.MergeId);

        var requests = await Receiver.WaitForAsync("merge", r => r.Count >= 4);
        Assert.Equal(
            [("customer.merge-undone", "mg-shop", merged.Merge.MergeId), ("customer.merge-undone", "mg-wx", merged.Merge.MergeId),
                ("customer.merged", "mg-wx", merged.Merge.MergeId), ("customer.merged-into", "mg-shop", merged.Merge.MergeId)],
            requests.Select(r => (r.Json.GetProperty("type").GetString(), r.Json.GetProperty("customerId").GetString(),
                r.Json.GetProperty("data").GetProperty("mergeId").GetString())).Order());
    }

    [Fact]
    public async Task A_subscription_naming_every_listed_type_exactly_gets_every_notification_a_star_subscription_gets()
    {
        var client = await platform.TenantAsync("wh-every");
        var listed = await client.Api.Webhooks.ListEventTypesAsync();
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("every-star"), ["*"]));
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("every-exact"), [.. listed.Types]));
        await client.Api.Staff.CreateAsync("bob", PlatformClient.StaffPassword, "Bob");
        var phone = new Dictionary<string, string> { ["phone"] = "13700137000" };

        // A bit of everything the platform notifies: nudges, customer changes (status, merge and its undoing, owner),
        // orders pooled and attached, an identity conflict, a handover.
        await client.PostEventsAsync(Events.FriendAdded("ev-1", "ev-wx", "alice"), Events.FriendAdded("ev-2", "ev-shop", "alice"));
        await client.PostEventsAsync(Events.FriendDeleted("ev-3", "ev-shop"));
        var merged = await client.Api.Customers.MergeAsync("ev-wx", "ev-shop");
        await client.Api.Customers.UndoMergeAsync("ev-wx", merged.Merge.MergeId);
        await client.PostEventsAsync(new PostedEvent("ev-4", null, "order.paid", DateTimeOffset.UtcNow.AddMinutes(-5), "shop", Identities: phone,
            Data: new Dictionary<string, string> { ["orderId"] = "T-1", ["amount"] = "9", ["currency"] = "CNY" }));
        await client.PostEventsAsync(new PostedEvent("ev-5", "ev-wx", "message.received", null, "wecom", Text: "hi", Identities: phone));
        await client.PostEventsAsync(new PostedEvent("ev-6", "ev-other", "message.received", null, "wecom", Text: "hi", Identities: phone));
        await client.Api.Handovers.StartAsync("alice", "bob");

        string[] expected = ["nudge.raised", "customer.status-changed", "customer.merged", "customer.merged-into", "customer.merge-undone", "order.unmatched",
            "order.attached", "identity.conflict", "handover.finished", "customer.owner-changed"];
        var star = await Receiver.WaitForAsync("every-star", r => expected.All(t => r.Any(x => x.Json.GetProperty("type").GetString() == t)));
        await Task.Delay(1000); // what is still being written and sent arrives by now (polled every 100 ms)
        star = Receiver.At("every-star");
        Assert.Subset(listed.Types.ToHashSet(), star.Select(r => r.Json.GetProperty("type").GetString()!).ToHashSet());
        var exact = await Receiver.WaitForAsync("every-exact", r => r.Count >= star.Count);
        Assert.Equal(star.Select(r => r.Id).Order(), exact.Select(r => r.Id).Order());
    }
}
