using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Console;

/// <summary>
/// The hub's Ack and Dismiss answer what happened, so a console can resend safely: "closed" once, "already-closed"
/// after, "unknown" for what is not the caller's open nudge, "invalid" for a malformed id.
/// </summary>
public sealed class ConsoleHubContractTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    [Fact]
    public async Task Closing_a_nudge_answers_closed_once_then_already_closed_and_the_model_learns_once()
    {
        await using var alice = await platform.ConsoleAsync("alice");
        await using var bob = await platform.ConsoleAsync("bob");
        await platform.Client.PostEventsAsync(Events.FriendAdded("hub-1", "zhou", "alice"));
        var id = (await alice.WaitForAsync(n => n.CustomerId == "zhou")).Id;

        // Another staff member's nudge reads as one that does not exist, before and after it is closed.
        Assert.Equal("unknown", await bob.AckAsync(id));
        Assert.Equal("unknown", await alice.AckAsync("no-such-nudge"));
        Assert.Equal("invalid", await alice.DismissAsync("not a valid id!"));
        Assert.Equal("closed", await alice.AckAsync(id));
        Assert.Equal("already-closed", await alice.AckAsync(id));
        Assert.Equal("already-closed", await alice.DismissAsync(id));
        Assert.Equal("unknown", await bob.DismissAsync(id));

        // Done teaches the model nothing by itself; Zhou answering the welcome is its one success.
        await platform.Client.PostEventsAsync(Events.MessageReceived("hub-1-reply", "zhou", "谢谢"));
        await LearnedOutcomes.WaitForAsync(platform.Client, o => o.Successes >= 1);
        await Task.Delay(TimeSpan.FromSeconds(2)); // two of the node's learning flushes: a second count would have arrived
        Assert.Equal((1, 0), await LearnedOutcomes.ReadAsync(platform.Client));
    }

    [Fact]
    public async Task On_connect_the_hub_first_says_how_many_open_nudges_its_replay_brings_shown_and_snoozed()
    {
        await platform.Client.PostEventsAsync(
            Events.FriendAdded("hub-t-1", "t-qian", "bob"), Events.FriendAdded("hub-t-2", "t-sun", "bob"), Events.FriendAdded("hub-t-3", "t-li", "bob"));
        await using (var first = await platform.ConsoleAsync("bob"))
        {
            var li = await first.WaitForAsync(n => n.CustomerId == "t-li");
            await first.WaitForAsync(n => n.CustomerId == "t-qian");
            await first.WaitForAsync(n => n.CustomerId == "t-sun");
            Assert.Equal("snoozed", await first.SnoozeAsync(li.Id, DateTimeOffset.UtcNow.AddHours(3)));
        }

        await using var console = await platform.ConsoleAsync("bob");
        await console.WaitForAsync(n => n.CustomerId == "t-li");
        await console.WaitForAsync(n => n.CustomerId == "t-qian");
        await console.WaitForAsync(n => n.CustomerId == "t-sun");
        Assert.Equal([(new ReplayTotals(2, 1), 0)], console.Replays);
    }
}
