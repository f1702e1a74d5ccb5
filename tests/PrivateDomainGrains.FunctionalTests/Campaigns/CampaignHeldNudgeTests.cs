using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Campaigns.CampaignSetUp;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// A campaign's nudges the contact policy holds (here quiet hours, set to end a minute or so from now in UTC): when
/// the hold ends they come due at the campaign's pace, not all at once, and the campaign's header counts them raised as
/// they are; a cancelled campaign's are never raised (the header counts them withdrawn); a paused campaign's wait until
/// it is resumed.
/// </summary>
public sealed class CampaignHeldNudgeTests(CampaignPlatform platform) : IClassFixture<CampaignPlatform>
{
    private readonly PlatformClient _api = platform.Client;

    [Fact]
    public async Task A_campaign_released_in_quiet_hours_reaches_each_staff_member_at_its_pace_when_they_end_not_all_at_once()
    {
        var quietEnd = await QuietTenantAsync("spread");
        await CustomersAsync(_api, "q", 40);
        var segment = await EveryoneAsync(_api);
        var campaign = await CreateAsync(_api, segment.SegmentId, 20);
        var done = await FinishedAsync(_api, campaign.CampaignId);
        Assert.True(done.FinishedAt < quietEnd, "the campaign was not released wholly in quiet hours");
        Assert.Equal(("completed", 0L, 40L), (done.State, done.Raised, done.Held));

        await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(campaign.CampaignId) is { Results.Raised: 40 } v ? v : null, TimeSpan.FromMinutes(3));

        var nudges = await CampaignNudgesAsync(platform.Database, "spread", campaign.CampaignId);
        Assert.Equal(40, nudges.Count);
        Assert.All(nudges, n => Assert.True(n.At >= quietEnd.AddSeconds(-0.5), $"{n.CustomerId} raised at {n.At:O}, in quiet hours"));
        // 20 members each over the window's 19 s of pacing: about one a second per staff member, so at most a few in any
        // second (ticks and the scheduler's 1 s poll bunch them); held until one instant they were 20 in the same second.
        foreach (var staff in nudges.GroupBy(n => n.StaffId))
        {
            var at = staff.Select(n => n.At).Order().ToList();
            var busiest = at.Max(t => at.Count(u => u >= t && u < t.AddSeconds(1)));
            Assert.True(busiest <= 4, $"{staff.Key} got {busiest} of the campaign's nudges in one second");
            Assert.True(at[^1] - at[0] >= TimeSpan.FromSeconds(12), $"{staff.Key}'s nudges came within {at[^1] - at[0]}");
        }
    }

    [Fact]
    public async Task A_cancelled_campaigns_held_nudges_are_never_raised_and_a_paused_ones_wait_for_its_resume()
    {
        var quietEnd = await QuietTenantAsync("stop");
        await CustomersAsync(_api, "h", 20);
        var segment = await EveryoneAsync(_api);
        var window = (int)(quietEnd - DateTimeOffset.UtcNow).TotalSeconds + 60;
        var cancelled = await CreateAsync(_api, segment.SegmentId, window);
        var paused = await CreateAsync(_api, segment.SegmentId, window);
        // A few members of each are held (quiet hours) before the first is cancelled and the second paused.
        await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(paused.CampaignId) is { Held: >= 2 } v ? v : null);
        Assert.Equal("cancelled", (await _api.Api.Campaigns.CancelAsync(cancelled.CampaignId)).State);
        var atPause = await _api.Api.Campaigns.PauseAsync(paused.CampaignId);
        Assert.Equal("paused", atPause.State);
        var held = await EventuallyAsync(async () =>
        {
            var before = await _api.Api.Campaigns.GetAsync(paused.CampaignId);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // more than a tick: the page in flight has finished
            return await _api.Api.Campaigns.GetAsync(paused.CampaignId) is { } v && v.Reached == before!.Reached ? v : null;
        });
        Assert.True(held.Held > 0 && held.Raised == 0, $"held {held.Held}, raised {held.Raised}");

        // Quiet hours are over and the held nudges (their places: under 20 s) were due: none is raised while paused or cancelled.
        Assert.True(DueAt(held) < TimeSpan.FromSeconds(20), $"{held.Held} held, the last due {DueAt(held)} into the window");
        var wait = quietEnd.AddSeconds(20) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "stop", cancelled.CampaignId));
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "stop", paused.CampaignId));

        Assert.Equal("running", (await _api.Api.Campaigns.ResumeAsync(paused.CampaignId)).State);
        var raised = await EventuallyAsync(async () => await CampaignNudgesAsync(platform.Database, "stop", paused.CampaignId) is { } n
            && n.Select(x => x.CustomerId).Intersect(HeldMembers(held.Held)).Count() == held.Held ? n : null, TimeSpan.FromMinutes(3));
        Assert.All(raised, n => Assert.True(n.At > quietEnd, $"{n.CustomerId} raised at {n.At:O}"));
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "stop", cancelled.CampaignId));
        var results = (await _api.Api.Campaigns.GetAsync(cancelled.CampaignId))!;
        Assert.Equal(("cancelled", 0L), (results.State, results.Results?.Raised ?? 0L));
    }

    [Fact]
    public async Task A_campaigns_header_moves_members_held_by_quiet_hours_to_raised_as_they_are_raised_and_a_cancelled_ones_to_withdrawn()
    {
        var quietEnd = await QuietTenantAsync("header");
        await CustomersAsync(_api, "k", 20);
        var segment = await _api.Api.Segments.CreateAsync(new SegmentRequest("everyone", new SegmentFilter(Owners: ["alice", "bob"])));
        var sent = await CreateAsync(_api, segment.SegmentId, 10);
        var cancelled = await CreateAsync(_api, segment.SegmentId, (int)(quietEnd - DateTimeOffset.UtcNow).TotalSeconds + 60);
        var done = await FinishedAsync(_api, sent.CampaignId);
        Assert.True(done.FinishedAt < quietEnd, "the campaign was not released wholly in quiet hours");
        Assert.Equal(("completed", 0L, 20L, 0L), (done.State, done.Raised, done.Held, done.Withdrawn));

        // Cancelled while some of its members are held: they will never be raised, so they read as withdrawn, not held.
        await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(cancelled.CampaignId) is { Held: >= 2 } v ? v : null);
        Assert.Equal("cancelled", (await _api.Api.Campaigns.CancelAsync(cancelled.CampaignId)).State);
        var stopped = await EventuallyAsync(async () =>
        {
            var before = await _api.Api.Campaigns.GetAsync(cancelled.CampaignId);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // more than a tick: the page in flight has finished
            return await _api.Api.Campaigns.GetAsync(cancelled.CampaignId) is { } v && v.Reached == before!.Reached ? v : null;
        });
        Assert.Equal((0L, 0L, stopped.Reached), (stopped.Raised, stopped.Held, stopped.Withdrawn));

        // Quiet hours end: the held members are raised at the campaign's pace, and the header follows its results all the way.
        var seen = new HashSet<long>();
        var raised = await EventuallyAsync(async () =>
        {
            var v = (await _api.Api.Campaigns.GetAsync(sent.CampaignId))!;
            Assert.Equal((v.Results?.Raised ?? 0, 20L, 0L), (v.Raised, v.Raised + v.Held, v.Withdrawn));
            seen.Add(v.Raised);
            return v.Raised == 20 ? v : null;
        }, TimeSpan.FromMinutes(3));
        Assert.Equal(("completed", 0L, 0L, 20L), (raised.State, raised.Held, raised.Suppressed + raised.Failed, raised.Reached));
        Assert.True(seen.Count > 2, $"the header went {string.Join(", ", seen.Order())}: not one by one as they were raised");
        var withdrawn = (await _api.Api.Campaigns.GetAsync(cancelled.CampaignId))!;
        Assert.Equal((0L, 0L, stopped.Withdrawn, 0L), (withdrawn.Raised, withdrawn.Held, withdrawn.Withdrawn, withdrawn.Results?.Raised ?? 0L));
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "header", cancelled.CampaignId));
    }

    /// <summary>When the last member reached was due, after the window's start (its place): the pacing of <see cref="CampaignTests"/>.</summary>
    private static TimeSpan DueAt(CampaignView c) => (c.EndAt - c.StartAt - TimeSpan.FromSeconds(1)) * (c.Reached - 1) / c.MembersTotal;

    /// <summary>Members are reached in customer-id order: the first <paramref name="count"/> of h-0..h-19 so sorted.</summary>
    private static IEnumerable<string> HeldMembers(long count) =>
        Enumerable.Range(0, 20).Select(i => $"h-{i}").Order(StringComparer.Ordinal).Take((int)count);

    /// <summary>A tenant whose quiet hours (UTC) end at the first whole minute at least 50 s from now; returns that end.</summary>
    private async Task<DateTimeOffset> QuietTenantAsync(string tenant)
    {
        var soon = DateTimeOffset.UtcNow.AddSeconds(50);
        var end = new DateTimeOffset(soon.Year, soon.Month, soon.Day, soon.Hour, soon.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var start = end.AddHours(-3);
        await TenantAsync(_api, tenant, QuietHoursPlaybook(start.ToString(@"HH\:mm"), end.ToString(@"HH\:mm"), timeZone: "UTC"));
        return end;
    }
}
