using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Customers;

/// <summary>A customer's timeline holds its events, its nudges and what became of them, and its tag and owner changes, newest first.</summary>
public sealed class CustomerTimelineTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    [Fact]
    public async Task Events_nudges_closes_and_changes_come_newest_first_and_page_without_gaps_or_repeats()
    {
        var zhou = fixture.Grains.GetGrain<ICustomerGrain>(GrainKeys.For("tl1", "zhou"));
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-10);
        await zhou.IngestAsync([new CustomerEvent("tl1-1", "zhou", EventTypes.FriendAdded, t0, "wecom", "alice", null, null)]);
        await zhou.IngestAsync([new CustomerEvent("tl1-2", "zhou", EventTypes.MessageReceived, t0.AddMinutes(1), "wecom", null, "多少钱?", null)]);
        await zhou.AddTagsAsync(["price-asker"], "alice");
        await zhou.IngestAsync([new CustomerEvent("tl1-3", "zhou", EventTypes.MessageSent, DateTimeOffset.UtcNow, "wecom", "alice", "99", null)]);

        var all = new List<TimelineEntry>();
        TimelineCursor? cursor = null;
        bool more;
        do
        {
            (var page, more) = await fixture.Timeline.PageAsync("tl1", "zhou", cursor, 2);
            all.AddRange(page);
            cursor = page.Count > 0 ? page[^1].Cursor : null;
        }
        while (more);

        Assert.Equal(all.OrderByDescending(e => e.At).ThenByDescending(e => e.Key, StringComparer.Ordinal).Select(e => e.Key), all.Select(e => e.Key));
        Assert.Equal(all.Count, all.Select(e => e.Key).Distinct().Count());
        var kinds = all.Select(e => (e.Kind, e.What)).ToHashSet();
        foreach (var expected in new[]
                 {
                     ("event", EventTypes.FriendAdded), ("event", EventTypes.MessageReceived), ("event", EventTypes.MessageSent),
                     ("nudge-raised", "welcome"), ("nudge-raised", "reply"), ("nudge-closed", "done-by-action"), ("change", "tag-added"),
                 })
            Assert.Contains(expected, kinds);
    }
}
