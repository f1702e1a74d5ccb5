using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Sdk;

/// <summary>
/// The SDK as <c>AddPrivateDomainGrainsClient</c> wires it: a 429 is waited out for its Retry-After, a post of events
/// whose answer was lost is sent again as it was (the server counts the retry as duplicates), and a request that is not
/// idempotent is not sent twice.
/// </summary>
public sealed class ClientRetryTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // One request a second per key, so that the second of two quick requests is refused.
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "sdk-retry"),
            "--RateLimits:PerKeyPerSecond", "1", "--RateLimits:PerKeyBurst", "1");
        _admin = new PlatformClient(_node.BaseAddress);
        await _admin.ProvisionAsync("acme", "alice");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    private (ServiceProvider Services, PrivateDomainGrainsClient Client) Sdk(RecordingHandler recorder)
    {
        var services = new ServiceCollection();
        services.AddPrivateDomainGrainsClient(o =>
        {
            o.BaseAddress = _node.BaseAddress;
            o.Tenant = _admin.Tenant;
            o.ApiKey = _admin.ApiKey;
            o.OperatorKey = NodeSettings.OperatorKey;
        }).AddHttpMessageHandler(() => recorder);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<PrivateDomainGrainsClient>());
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_the_same_body_is_sent_again()
    {
        var recorder = new RecordingHandler();
        var (services, client) = Sdk(recorder);
        await using var _ = services;

        await client.Events.PostAsync([Events.FriendAdded("rl-1", "li", "alice")]);
        var second = await client.Events.PostAsync([Events.MessageReceived("rl-2", "li", "hello")]);

        Assert.Equal(1, second.Accepted);
        // The first post, then the second refused (once, or again if the bucket had not refilled yet), then answered.
        var retried = recorder.Attempts.Skip(1).ToList();
        Assert.Equal(HttpStatusCode.OK, recorder.Attempts[0].Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, retried[0].Status);
        Assert.Equal(HttpStatusCode.OK, retried[^1].Status);
        Assert.Single(retried.Select(a => a.Body).Distinct());
    }

    [Fact]
    public async Task Events_whose_answer_was_lost_are_sent_again_with_the_same_ids_and_come_back_as_duplicates()
    {
        var recorder = new RecordingHandler(loseAnswer: (_, attempt) => attempt == 0);
        var (services, client) = Sdk(recorder);
        await using var _ = services;

        var answer = await client.Events.PostAsync([Events.FriendAdded("lost-1", "wang", "alice"), Events.MessageReceived("lost-2", "wang", "hi")]);

        Assert.Equal((0, 2), (answer.Accepted, answer.Duplicates));
        // Lost, then (one a second per key) possibly refused once more, then answered: every attempt the same body.
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK), (recorder.Attempts[0].Status, recorder.Attempts[^1].Status));
        Assert.Single(recorder.Attempts.Select(a => a.Body).Distinct());
        Assert.Equal(2L, await _database.ScalarAsync<long>("SELECT count(*) FROM pdg_event_journal WHERE customer_id = 'wang'"));
    }

    [Fact]
    public async Task Creating_a_tenant_is_not_sent_twice_after_a_transient_failure()
    {
        var recorder = new RecordingHandler(loseAnswer: (_, attempt) => attempt == 0);
        var (services, client) = Sdk(recorder);
        await using var _ = services;

        var failure = await Assert.ThrowsAsync<PlatformApiException>(() => client.Tenants.CreateAsync("lost-keys"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Single(recorder.Attempts);
        // The first attempt did create it: a second would have got this 409, and the keys would have been lost.
        var again = await Assert.ThrowsAsync<PlatformApiException>(() => _admin.Api.Tenants.CreateAsync("lost-keys"));
        Assert.Equal((HttpStatusCode.Conflict, 409), (again.StatusCode, again.Problem?.Status));
    }

    [Fact]
    public async Task The_client_refuses_to_start_without_an_absolute_base_address()
    {
        var services = new ServiceCollection();
        services.AddPrivateDomainGrainsClient(o => o.BaseAddress = new Uri("/relative", UriKind.Relative));
        await using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<PrivateDomainGrainsClient>());
        Assert.Contains("BaseAddress", failure.Message);
    }
}
