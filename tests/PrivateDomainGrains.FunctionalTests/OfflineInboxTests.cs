using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class OfflineInboxTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    [Fact]
    public async Task Nudges_raised_while_the_console_is_offline_arrive_once_when_it_reconnects_until_acknowledged()
    {
        await platform.Client.PostEventsAsync(
            Events.FriendAdded("off-1", "sun", "alice"),
            Events.MessageReceived("off-2", "sun", "are you open on Sunday?"));

        await using (var first = await platform.ConsoleAsync("alice"))
        {
            var welcome = await first.WaitForAsync(n => n.EventId == "off-1");
            await first.WaitForAsync(n => n.EventId == "off-2");
            await first.AckAsync(welcome.Id);
            await Task.Delay(TimeSpan.FromSeconds(1)); // let the console stay a moment, as a person would
            Assert.Equal(1, first.Received.Count(n => n.EventId == "off-2"));
        }

        await using var second = await platform.ConsoleAsync("alice");
        await second.WaitForAsync(n => n.EventId == "off-2");
        Assert.DoesNotContain(second.Received, n => n.EventId == "off-1");
    }
}
