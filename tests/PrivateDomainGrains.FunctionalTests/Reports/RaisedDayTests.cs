using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// A nudge counts under the day it was raised (its created_at, from which its time to act runs), not under the day of
/// the event that raised it: an event that arrives late does not file today's work under yesterday.
/// </summary>
public sealed class RaisedDayTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private const string Playbook = """
        { "timeZone": "UTC",
          "rules": [ { "id": "welcome", "priority": 70, "trigger": { "kind": "event", "event": "friend.added" },
            "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "proactive": false, "title": "Welcome {name}", "script": "Say hello." } ] } ] }
        """;

    [Fact]
    public async Task A_nudge_raised_today_by_an_event_of_yesterday_counts_under_today()
    {
        var client = new PlatformClient(platform.Node.BaseAddress);
        await client.ProvisionAsync("raised-day", "alice");
        await client.Api.Playbook.PutAsync(Playbook);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a saved playbook reaches decisions within Decisions:RefreshInterval (2 s)
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // A minute before midnight UTC, arriving now.
        var yesterdayLate = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(-1);
        await client.PostEventsAsync(Events.FriendAdded("late-1", "late", "alice", at: yesterdayLate));
        var posted = DateOnly.FromDateTime(DateTime.UtcNow);

        ExecutionGroup? raised = null;
        for (var until = DateTime.UtcNow.AddSeconds(20); raised is null && DateTime.UtcNow < until; await Task.Delay(200))
            raised = (await client.Api.Reports.GetExecutionAsync(today.AddDays(-3), today.AddDays(1), "day")).Groups.SingleOrDefault(g => g.Raised > 0);

        Assert.NotNull(raised);
        // Posted across midnight UTC, it was raised on either day; never on the event's.
        Assert.Contains(raised.Key, new[] { today.ToString("yyyy-MM-dd"), posted.ToString("yyyy-MM-dd") });
        Assert.Equal(1, raised.Raised);
    }
}
