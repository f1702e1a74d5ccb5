using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>SOP sequences and timers run from the due-time index, and survive the host dying between steps.</summary>
public sealed class SopTimerTests : IAsyncLifetime
{
    /// <summary>Welcome at once, tips one minute after the start, an offer a minute later; ends on an order.</summary>
    private const string Onboarding = """
        {
          "rules": [
            { "id": "start-onboarding", "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "startSequence", "sequence": "onboarding" } ] }
          ],
          "sequences": [
            { "id": "onboarding", "exitOn": [ "order.paid" ],
              "steps": [
                { "id": "welcome", "delay": "0m", "nudge": { "kind": "nudge", "nudgeKind": "welcome", "title": "Welcome {name}", "script": "Say hello" } },
                { "id": "tips", "delay": "1m", "nudge": { "kind": "nudge", "nudgeKind": "tips", "title": "Tips for {name}", "script": "Send the skin-care tips" } },
                { "id": "offer", "delay": "2m", "nudge": { "kind": "nudge", "nudgeKind": "offer", "title": "Offer for {name}", "script": "Send the coupon" } }
              ] }
          ]
        }
        """;

    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task The_SOP_position_and_the_pending_step_survive_kill_minus_9_and_the_step_fires_once_after_restart()
    {
        var settings = NodeSettings.Fresh(_database.ConnectionString, "sop");
        using var api = new PlatformClient(settings.BaseAddress);
        // Back-dated so that "tips" falls due half a minute after the post: after the crash, before the test gives up.
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-30);

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            await api.ProvisionAsync("acme", "alice");
            await api.Api.Playbook.PutAsync(Onboarding);
            await using var console = await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync("alice"));
            await api.PostEventsAsync(Events.FriendAdded("s-1", "li", "alice", nickname: "Li", at: startedAt));
            var welcome = await console.WaitForAsync(n => n.Kind == "welcome");
            await console.AckAsync(welcome.Id);
            Assert.DoesNotContain(console.Received, n => n.Kind == "tips");
            host.Kill();
        }

        using (var host = HostProcess.Start(settings))
        {
            await host.WaitUntilHealthyAsync();
            await using var console = await ConsoleClient.ConnectAsync(settings.BaseAddress, await api.ConsoleTokenAsync("alice"));
            var tips = await console.WaitForAsync(n => n.Kind == "tips", TimeSpan.FromSeconds(90));
            Assert.Equal("Tips for Li", tips.Title);

            var customer = (await api.Api.Customers.GetAsync("li"))!;
            Assert.Equal(startedAt.AddMinutes(2).ToUnixTimeSeconds(), customer.NextDueAt?.ToUnixTimeSeconds());
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Single(console.Received, n => n.Kind == "tips");
            Assert.DoesNotContain(console.Received, n => n.Kind == "welcome");
        }
    }
}
