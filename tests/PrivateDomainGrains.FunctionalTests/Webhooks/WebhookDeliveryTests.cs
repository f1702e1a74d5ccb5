using System.Net;
using System.Security.Cryptography;
using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>Outgoing webhooks end to end: a change commits, its notification is posted signed to a real receiver, retried, replayed, and a failing subscription is disabled.</summary>
public sealed class WebhookDeliveryTests(WebhookPlatform platform) : IClassFixture<WebhookPlatform>
{
    private WebhookReceiver Receiver => platform.Receiver;

    private async Task<(PlatformClient Client, WebhookSecretIssued Issued)> SubscribeAsync(string tenant, string path, params string[] types)
    {
        var client = await platform.TenantAsync(tenant);
        var issued = await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url(path), types, "test receiver"));
        return (client, issued);
    }

    /// <summary>Standard Webhooks, computed here from the documented recipe rather than by the platform's code.</summary>
    private static bool SignedWith(string secret, WebhookReceiver.Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{request.Id}.{request.Timestamp}.").Concat(request.Body).ToArray();
        return request.Signature == "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    [Fact]
    public async Task A_raised_nudge_is_posted_to_the_subscriber_signed_with_the_secret_shown_once()
    {
        var (client, issued) = await SubscribeAsync("wh-raised", "raised", "nudge.raised");
        Assert.StartsWith("whsec_", issued.Secret);

        await client.PostEventsAsync(Events.FriendAdded("e-raised-1", "li", "alice"));

        var request = (await Receiver.WaitForAsync("raised", r => r.Count >= 1)).Single();
        Assert.True(SignedWith(issued.Secret, request), "the signature is HMAC-SHA256 of id.timestamp.body with the secret");
        Assert.True(WebhookSignature.Verify(issued.Secret, request.Id, request.Timestamp, request.Signature, request.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(issued.Secret, request.Id, request.Timestamp, request.Signature, [.. request.Body, (byte)' '], DateTimeOffset.UtcNow));
        var body = request.Json;
        Assert.Equal(request.Id, body.GetProperty("id").GetString());
        Assert.Equal(("nudge.raised", "wh-raised", "li"), (body.GetProperty("type").GetString(), body.GetProperty("tenant").GetString(), body.GetProperty("customerId").GetString()));
        Assert.Equal("alice", body.GetProperty("data").GetProperty("staffId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("data").GetProperty("nudgeId").GetString()));

        // The receiver has the request before the dispatcher records the answer: read the log once it has.
        var delivery = await WaitForDeliveryAsync(client, issued.Webhook.WebhookId, d => d.State != "pending");
        Assert.Single((await client.Api.Webhooks.ListDeliveriesAsync(issued.Webhook.WebhookId)).Items);
        Assert.Equal(("delivered", 1, 200), (delivery.State, delivery.Attempts, delivery.LastStatus));
        Assert.Equal(body.GetProperty("sequence").GetInt64(), delivery.DeliveryId);
    }

    [Fact]
    public async Task A_receiver_that_fails_three_times_gets_the_notification_exactly_once_more()
    {
        var (client, issued) = await SubscribeAsync("wh-retry", "retry", "nudge.*");
        Receiver.Script("retry", 500, 500, 503);

        await client.PostEventsAsync(Events.FriendAdded("e-retry-1", "wang", "alice"));

        var requests = await Receiver.WaitForAsync("retry", r => r.Count >= 4);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than the longest retry delay: a fifth request would have come
        requests = Receiver.At("retry");
        Assert.Equal(4, requests.Count);
        Assert.Single(requests.Select(r => r.Id).Distinct());
        Assert.All(requests, r => Assert.True(SignedWith(issued.Secret, r)));
        var delivery = Assert.Single((await client.Api.Webhooks.ListDeliveriesAsync(issued.Webhook.WebhookId)).Items);
        Assert.Equal(("delivered", 4, 200), (delivery.State, delivery.Attempts, delivery.LastStatus));
        Assert.Equal(0, (await client.Api.Webhooks.GetAsync(issued.Webhook.WebhookId))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_replayed_delivery_is_sent_again_with_the_same_id()
    {
        var (client, issued) = await SubscribeAsync("wh-replay", "replay", "nudge.raised");
        await client.PostEventsAsync(Events.FriendAdded("e-replay-1", "zhao", "alice"));
        var first = (await Receiver.WaitForAsync("replay", r => r.Count >= 1)).Single();
        var delivery = await WaitForDeliveryAsync(client, issued.Webhook.WebhookId, d => d.State == "delivered");

        var replayed = await client.Api.Webhooks.ReplayAsync(issued.Webhook.WebhookId, delivery.DeliveryId);

        Assert.Equal("pending", replayed.State);
        var again = (await Receiver.WaitForAsync("replay", r => r.Count >= 2))[1];
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Json.GetProperty("data").GetRawText(), again.Json.GetProperty("data").GetRawText());
        var log = await WaitForDeliveryAsync(client, issued.Webhook.WebhookId, d => d.State == "delivered" && d.Attempts == 2);
        Assert.Equal(200, log.LastStatus);
        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => client.Api.Webhooks.ReplayAsync(issued.Webhook.WebhookId, delivery.DeliveryId + 1000));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_subscription_that_keeps_failing_is_disabled_and_delivers_what_waited_once_enabled_again()
    {
        var (client, issued) = await SubscribeAsync("wh-disable", "down", "nudge.raised");
        await client.Api.Webhooks.CreateAsync(new CreateWebhookRequest(Receiver.Url("watch"), ["webhook.disabled"], "the owner's watch"));
        Receiver.Always("down", 500);
        await client.PostEventsAsync(Events.FriendAdded("e-down-1", "sun", "alice"));

        var disabled = await WaitForWebhookAsync(client, issued.Webhook.WebhookId, w => !w.Enabled);
        var notice = (await Receiver.WaitForAsync("watch", r => r.Count >= 1)).Single().Json;
        Assert.Equal(("webhook.disabled", issued.Webhook.WebhookId), (notice.GetProperty("type").GetString(),
            notice.GetProperty("data").GetProperty("webhookId").GetString()));
        Assert.Equal(disabled.DisabledReason, notice.GetProperty("data").GetProperty("disabledReason").GetString());
        Assert.Equal(WebhookPlatform.DisableAfterFailures, Receiver.At("down").Count);
        Assert.Contains("failed attempts in a row", disabled.DisabledReason);
        Assert.Contains("500", disabled.DisabledReason);
        Assert.Equal("pending", Assert.Single((await client.Api.Webhooks.ListDeliveriesAsync(issued.Webhook.WebhookId)).Items).State);

        // Disabled: nudges raised meanwhile are not written for it, and nothing more is sent.
        await client.PostEventsAsync(Events.FriendAdded("e-down-2", "zhou", "alice"));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(WebhookPlatform.DisableAfterFailures, Receiver.At("down").Count);

        Receiver.Always("down", 200);
        var enabled = await client.Api.Webhooks.UpdateAsync(issued.Webhook.WebhookId, new UpdateWebhookRequest(issued.Webhook.Url, ["nudge.raised"], Enabled: true));
        Assert.Equal((true, null, 0), (enabled.Enabled, enabled.DisabledReason, enabled.ConsecutiveFailures));
        var delivered = await WaitForDeliveryAsync(client, issued.Webhook.WebhookId, d => d.State == "delivered");
        Assert.Equal(("sun", WebhookPlatform.DisableAfterFailures + 1), (delivered.CustomerId, delivered.Attempts));
        Assert.Equal(WebhookPlatform.DisableAfterFailures + 1, Receiver.At("down").Count);
        Assert.Single((await client.Api.Webhooks.ListDeliveriesAsync(issued.Webhook.WebhookId)).Items);
    }

    [Fact]
    public async Task Closing_a_nudge_and_tagging_a_customer_are_notified_with_how_and_by_whom()
    {
        var (client, _) = await SubscribeAsync("wh-closed", "closed", "nudge.closed", "customer.*");
        await client.PostEventsAsync(Events.FriendAdded("e-closed-1", "qian", "alice"));
        await using var console = await ConsoleClient.ConnectAsync(client.BaseAddress, await client.ConsoleTokenAsync("alice"));
        var nudge = await console.WaitForAsync(n => n.CustomerId == "qian");

        Assert.Equal("closed", await console.AckAsync(nudge.Id));
        await client.Api.Customers.AddTagsAsync("qian", ["vip"]);

        var requests = await Receiver.WaitForAsync("closed", r => r.Any(x => x.Json.GetProperty("type").GetString() == "nudge.closed")
            && r.Any(x => x.Json.GetProperty("type").GetString() == "customer.tag-added"));
        var closed = requests.Single(r => r.Json.GetProperty("type").GetString() == "nudge.closed").Json.GetProperty("data");
        Assert.Equal((nudge.Id, "done", "alice"), (closed.GetProperty("nudgeId").GetString(), closed.GetProperty("how").GetString(), closed.GetProperty("closedBy").GetString()));
        var tagged = requests.Single(r => r.Json.GetProperty("type").GetString() == "customer.tag-added").Json;
        Assert.Equal("qian", tagged.GetProperty("customerId").GetString());
        Assert.Contains("vip", tagged.GetProperty("data").GetRawText());
        Assert.DoesNotContain(requests, r => r.Json.GetProperty("type").GetString() == "nudge.raised");
    }

    [Fact]
    public async Task A_bad_subscription_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var client = await platform.TenantAsync("wh-bad");

        var response = await client.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/webhooks",
            """{"url":"ftp://example.com/hook","eventTypes":["nudge.raised","order.paid"],"description":null}""", client.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"url\"", problem);
        Assert.Contains("\"eventTypes\"", problem);
        Assert.Contains("order.paid", problem);
        Assert.Empty(await client.Api.Webhooks.ListAsync());
        var integration = await client.SendRawAsync(HttpMethod.Get, $"/api/v1/tenants/{client.Tenant}/webhooks", null, client.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, integration.StatusCode);

        // Text PostgreSQL cannot store (NUL), or a URL split by a line break, is the caller's fault: a 400, not a 500.
        foreach (var (body, field) in new[]
        {
            ("""{"url":"https://x.example.com/a\u0000b","eventTypes":["nudge.raised"]}""", "url"),
            ("""{"url":"https://x.example.com/a\nb","eventTypes":["nudge.raised"]}""", "url"),
            ("""{"url":"https://x.example.com/a","eventTypes":["nudge.raised"],"description":"a\u0000b"}""", "description"),
        })
        {
            var refused = await client.SendRawAsync(HttpMethod.Post, $"/api/v1/tenants/{client.Tenant}/webhooks", body, client.AdminKey);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains($"\"{field}\"", await refused.Content.ReadAsStringAsync());
        }
        Assert.Empty(await client.Api.Webhooks.ListAsync());
    }

    [Fact]
    public async Task A_subscription_is_listed_changed_given_a_new_secret_and_deleted()
    {
        var (client, issued) = await SubscribeAsync("wh-crud", "crud", "nudge.raised");
        var listed = Assert.Single(await client.Api.Webhooks.ListAsync());
        Assert.Equal((issued.Webhook.WebhookId, "nudge.raised", true), (listed.WebhookId, listed.EventTypes.Single(), listed.Enabled));

        var changed = await client.Api.Webhooks.UpdateAsync(issued.Webhook.WebhookId,
            new UpdateWebhookRequest(Receiver.Url("crud2"), ["customer.*"], "changed", Enabled: false));
        Assert.Equal((Receiver.Url("crud2"), "customer.*", "changed", false, "disabled by an administrator"),
            (changed.Url, changed.EventTypes.Single(), changed.Description, changed.Enabled, changed.DisabledReason));
        var rotated = await client.Api.Webhooks.RotateSecretAsync(issued.Webhook.WebhookId);
        Assert.NotEqual(issued.Secret, rotated.Secret);

        await client.Api.Webhooks.DeleteAsync(issued.Webhook.WebhookId);
        Assert.Null(await client.Api.Webhooks.GetAsync(issued.Webhook.WebhookId));
        var again = await Assert.ThrowsAsync<PlatformApiException>(() => client.Api.Webhooks.DeleteAsync(issued.Webhook.WebhookId));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private static async Task<WebhookView> WaitForWebhookAsync(PlatformClient client, string webhookId, Func<WebhookView, bool> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(50))
        {
            if (await client.Api.Webhooks.GetAsync(webhookId) is { } view && done(view)) return view;
        }
        throw new TimeoutException($"Webhook {webhookId} did not get there");
    }

    private static async Task<WebhookDeliveryView> WaitForDeliveryAsync(PlatformClient client, string webhookId, Func<WebhookDeliveryView, bool> done)
    {
        for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(50))
        {
            if ((await client.Api.Webhooks.ListDeliveriesAsync(webhookId)).Items.FirstOrDefault(done) is { } delivery) return delivery;
        }
        throw new TimeoutException($"No delivery of webhook {webhookId} got there");
    }
}
