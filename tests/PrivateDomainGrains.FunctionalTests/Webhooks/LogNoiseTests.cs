using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;
using PrivateDomainGrains.LoadTest.Cluster;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>
/// What an operator reads in a host's log (issue 15), with ASP.NET Core and HttpClient logging at Information as when
/// looking into requests: a failed webhook attempt is one line naming the delivery and the status (the delivery log
/// keeps the record) of bounded length whatever the receiver answered, never at error level (a timeout included), and requests with an API key or the operator key log no JWT validation failure.
/// </summary>
public sealed class LogNoiseTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "log-noise");
        _host = HostProcess.Start(settings, [.. WeComPlatform.Unlimited, "--Webhooks:AllowInsecureUrls", "true", "--Webhooks:AllowPrivateTargets", "true",
            "--Webhooks:PollInterval", "00:00:00.100", "--Webhooks:RequestTimeout", "00:00:01", "--Logging:LogLevel:Default", "Information", "--Logging:LogLevel:Microsoft.AspNetCore", "Information"]);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        await _api.ProvisionAsync("acme", "alice");
        _receiver = await WebhookReceiver.StartAsync();
    }

    [Fact]
    public async Task A_failed_webhook_attempt_is_one_line_naming_the_delivery_and_its_status_without_a_stack_trace()
    {
        _receiver.Always("log-500", 500);
        var answering = await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("log-500"), ["nudge.raised"]));
        var silent = await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest($"http://127.0.0.1:{FreePorts.Next()}/nobody", ["nudge.raised"]));

        await _api.PostEventsAsync(Events.FriendAdded("log-1", "lu", "alice"));

        var failed500 = await FirstFailedAsync(answering.Webhook.WebhookId);
        var failedSilent = await FirstFailedAsync(silent.Webhook.WebhookId);
        await Task.Delay(500); // the dispatcher logs just after it records the failure
        var output = _host.Output;
        Assert.Single(output, l => l.Contains($"Webhook delivery {failed500.DeliveryId} to acme/{answering.Webhook.WebhookId}: attempt 1 failed, 500"));
        Assert.Single(output, l => l.Contains($"Webhook delivery {failedSilent.DeliveryId} to acme/{silent.Webhook.WebhookId}: attempt 1 failed, no answer"));
        Assert.DoesNotContain(output, l => l.Contains("System.Net.Http.HttpClient.webhooks") || l.Contains("HttpRequestException") || l.TrimStart().StartsWith("at "));
    }

    [Fact]
    public async Task A_receivers_reason_phrase_is_kept_and_logged_to_a_few_hundred_characters()
    {
        _receiver.Always("log-long", 500);
        _receiver.Reason("log-long", new string('E', 60_000));
        var webhook = await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("log-long"), ["nudge.raised"]));

        await _api.PostEventsAsync(Events.FriendAdded("long-1", "lan", "alice"));

        var failed = await FirstFailedAsync(webhook.Webhook.WebhookId);
        await Task.Delay(500);
        Assert.StartsWith("answered 500 EEE", failed.LastError);
        Assert.InRange(failed.LastError!.Length, 100, 300);
        var line = Assert.Single(_host.Output, l => l.Contains($"Webhook delivery {failed.DeliveryId} to acme/"));
        Assert.InRange(line.Length, 100, 600);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_one_information_line_and_nothing_at_error_level()
    {
        _receiver.Hold("log-hang");
        var webhook = await _api.Api.Webhooks.CreateAsync(new CreateWebhookRequest(_receiver.Url("log-hang"), ["nudge.raised"]));

        await _api.PostEventsAsync(Events.FriendAdded("hang-1", "han", "alice"));

        var failed = await FirstFailedAsync(webhook.Webhook.WebhookId);
        await Task.Delay(500);
        var output = _host.Output;
        Assert.Single(output, l => l.Contains($"Webhook delivery {failed.DeliveryId} to acme/{webhook.Webhook.WebhookId}: attempt 1 failed, no answer"));
        Assert.DoesNotContain(output, l => l.Contains("Polly") || l.StartsWith("fail:") || l.StartsWith("crit:"));
    }

    [Fact]
    public async Task Requests_with_an_API_key_the_admin_key_or_the_operator_key_log_no_JWT_failure_and_console_tokens_still_work()
    {
        Assert.Equal(1, (await _api.PostEventsAsync(Events.FriendAdded("jwt-1", "jin", "alice"))).Accepted);
        Assert.Empty(await _api.Api.Webhooks.ListAsync());
        Assert.NotEmpty((await _api.Api.System.GetClusterAsync()).Nodes);
        var me = await _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("alice")).Workbench.GetMeAsync();
        var forged = await _api.SendRawAsync(HttpMethod.Get, "/api/v1/console/me", null, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        Assert.Equal("alice", me.StaffId);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await Task.Delay(500);
        Assert.DoesNotContain(_host.Output, l => l.Contains("IDX14100"));
        // The forged token is still the JWT scheme's to judge, and judged: its failure is logged.
        Assert.Contains(_host.Output, l => l.Contains("Failed to validate the token"));
    }

    private async Task<PrivateDomainGrains.Client.WebhookDeliveryView> FirstFailedAsync(string webhookId)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await _api.Api.Webhooks.ListDeliveriesAsync(webhookId)).Items.FirstOrDefault(d => d.Attempts > 0) is { } tried) return tried;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No attempt of {webhookId} in 20 s");
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
