using System.Net;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using static PrivateDomainGrains.FunctionalTests.Campaigns.CampaignSetUp;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// Campaigns (群发) against a real node and PostgreSQL: every member of a saved segment gets one nudge to its owner,
/// paced over the window; the contact policy holds what it holds and the campaign counts it; pause stops new nudges,
/// cancel ends the campaign; bad input is a 400 naming the field.
/// </summary>
public sealed class CampaignTests(CampaignPlatform platform) : IClassFixture<CampaignPlatform>
{
    private readonly PlatformClient _api = platform.Client;

    [Fact]
    public async Task A_campaign_raises_one_nudge_per_member_to_its_owner_spread_over_its_window_and_reports_their_results()
    {
        await TenantAsync(_api, "cmp", QuietPlaybook);
        var owners = await CustomersAsync(_api, "c", 300);
        var segment = await EveryoneAsync(_api);
        var start = DateTimeOffset.UtcNow;
        var created = await _api.Api.Campaigns.CreateAsync(new CampaignRequest("spring", segment.SegmentId,
            new CampaignScript("Spring offer for {name}", "Hi {name}, spring is here"), start, start.AddSeconds(8)));
        Assert.Equal(("running", "spring", segment.SegmentId), (created.State, created.Name, created.SegmentId));

        var done = await FinishedAsync(_api, created.CampaignId);

        Assert.Equal(("completed", 300L, 300L, 300L, 0L, 0L, 0L), (done.State, done.MembersTotal, done.Reached, done.Raised, done.Held, done.Suppressed, done.Failed));
        var nudges = await CampaignNudgesAsync(platform.Database, "cmp", created.CampaignId);
        Assert.Equal(owners.OrderBy(o => o.Key), nudges.Select(n => KeyValuePair.Create(n.CustomerId, n.StaffId)).OrderBy(o => o.Key));
        Assert.All(nudges, n => Assert.InRange(n.At, created.StartAt.AddSeconds(-1), created.EndAt));
        // Members are released at an even pace: 300 over the 7 s before the window's last tick, the last at 299/300 of it.
        Assert.True(nudges.Max(n => n.At) - nudges.Min(n => n.At) >= TimeSpan.FromSeconds(4), "the nudges were not spread over the window");
        Assert.Contains("Hi c-0", nudges.Single(n => n.CustomerId == "c-0").Text);

        var results = (await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(created.CampaignId) is { Results.Raised: 300 } v ? v : null)).Results!;
        Assert.Equal(("campaign:" + created.CampaignId, 300L, 300L, 0L), (results.Key, results.Shown, results.Open, results.Done));
        Assert.Contains(created.CampaignId, (await _api.Api.Campaigns.ListAsync()).Select(c => c.CampaignId));
    }

    [Fact]
    public async Task The_contact_policy_holds_a_second_campaign_beyond_the_cap_and_one_in_quiet_hours_and_both_count_them_as_held()
    {
        await TenantAsync(_api, "cap", """{ "timeZone": "Asia/Shanghai", "rules": [], "contactPolicy": { "caps": [ { "max": 1, "window": "1d" } ] } }""");
        await CustomersAsync(_api, "k", 60);
        var segment = await EveryoneAsync(_api);
        var first = await FinishedAsync(_api, (await CreateAsync(_api, segment.SegmentId, 3)).CampaignId);
        var second = await FinishedAsync(_api, (await CreateAsync(_api, segment.SegmentId, 3)).CampaignId);

        Assert.Equal((60L, 0L), (first.Raised, first.Held));
        Assert.Equal((0L, 60L, 60L), (second.Raised, second.Held, second.Reached));
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "cap", second.CampaignId));

        using var quiet = new PlatformClient(platform.Node.BaseAddress);
        await TenantAsync(quiet, "quiet", QuietHoursPlaybook("00:00", "23:59"));
        await CustomersAsync(quiet, "q", 40);
        var all = await EveryoneAsync(quiet);
        var held = await FinishedAsync(quiet, (await CreateAsync(quiet, all.SegmentId, 3)).CampaignId);
        Assert.Equal(("completed", 0L, 40L), (held.State, held.Raised, held.Held));
        Assert.Empty(await CampaignNudgesAsync(platform.Database, "quiet", held.CampaignId));
    }

    [Fact]
    public async Task A_campaign_smaller_than_a_page_releases_its_members_one_by_one_over_the_window_not_all_at_once()
    {
        await TenantAsync(_api, "pace", QuietPlaybook);
        await CustomersAsync(_api, "s", 10);
        var segment = await EveryoneAsync(_api);
        var created = await CreateAsync(_api, segment.SegmentId, 20);

        var done = await FinishedAsync(_api, created.CampaignId);

        Assert.Equal(("completed", 10L, 10L), (done.State, done.MembersTotal, done.Raised));
        var at = (await CampaignNudgesAsync(platform.Database, "pace", created.CampaignId)).Select(n => n.At).Order().ToList();
        Assert.Equal(10, at.Count);
        // Member i of 10 is due once i/10 of the window before its last 1 s tick has passed: 0, 1.9, 3.8 … 17.1 s.
        // None goes before it is due (0.5 s for clocks and rounding); every one goes before the window ends.
        var spread = created.EndAt - created.StartAt - TimeSpan.FromSeconds(1);
        for (var i = 0; i < at.Count; i++)
            Assert.InRange(at[i], created.StartAt + spread * i / 10 - TimeSpan.FromSeconds(0.5), created.EndAt);
        Assert.True(at[0] < created.StartAt + spread / 2, "the first member waited more than half the window");
    }

    [Fact]
    public async Task Pause_stops_new_nudges_resume_goes_on_and_cancel_ends_the_campaign_for_good()
    {
        await TenantAsync(_api, "pause", QuietPlaybook);
        await CustomersAsync(_api, "p", 300);
        var segment = await EveryoneAsync(_api);
        var campaign = await CreateAsync(_api, segment.SegmentId, 60);
        await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(campaign.CampaignId) is { Reached: > 0 } v ? v : null);

        var paused = await _api.Api.Campaigns.PauseAsync(campaign.CampaignId);
        Assert.Equal("paused", paused.State);
        // The page in flight may still finish; after it, nothing moves.
        var settled = await EventuallyAsync(async () =>
        {
            var before = await _api.Api.Campaigns.GetAsync(campaign.CampaignId);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // more than a tick
            return await _api.Api.Campaigns.GetAsync(campaign.CampaignId) is { } v && v.Reached == before!.Reached ? v : null;
        });
        await Task.Delay(TimeSpan.FromSeconds(12)); // an unpaused campaign would release about 60 members in it (300 over 60 s)
        var still = (await _api.Api.Campaigns.GetAsync(campaign.CampaignId))!;
        Assert.Equal((settled.Reached, settled.Raised), (still.Reached, still.Raised));
        Assert.Equal(still.Raised, (await CampaignNudgesAsync(platform.Database, "pause", campaign.CampaignId)).Count);

        Assert.Equal("running", (await _api.Api.Campaigns.ResumeAsync(campaign.CampaignId)).State);
        var more = await EventuallyAsync(async () => await _api.Api.Campaigns.GetAsync(campaign.CampaignId) is { } v && v.Reached > still.Reached ? v : null);
        var cancelled = await _api.Api.Campaigns.CancelAsync(campaign.CampaignId);
        Assert.Equal("cancelled", cancelled.State);
        Assert.NotNull(cancelled.FinishedAt);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var final = (await _api.Api.Campaigns.GetAsync(campaign.CampaignId))!;
        Assert.Equal(("cancelled", cancelled.Reached), (final.State, final.Reached));
        Assert.InRange(final.Reached, more.Reached, 299);
        Assert.Equal(final.Raised, (await CampaignNudgesAsync(platform.Database, "pause", campaign.CampaignId)).Count);
        Assert.Equal("cancelled", (await _api.Api.Campaigns.ResumeAsync(campaign.CampaignId)).State);
    }

    [Fact]
    public async Task A_campaign_with_several_bad_fields_is_refused_naming_each_of_them()
    {
        await TenantAsync(_api, "many", QuietPlaybook);
        var body = new
        {
            name = "",
            segmentId = "a/b",
            script = new { title = "t", text = "Hi {nmae}", variants = new[] { new { id = "v1", title = "", text = "x" } } },
            startAt = DateTimeOffset.UtcNow,
            endAt = DateTimeOffset.UtcNow.AddHours(-1),
        };

        using var response = await _api.SendAsync(HttpMethod.Post, "/api/v1/tenants/many/campaigns", body, _api.AdminKey);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The campaign is invalid; nothing was stored", problem.GetProperty("detail").GetString());
        Assert.Equal(["endAt", "name", "script.text", "script.variants[0].title", "segmentId"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("'endAt' must be after 'startAt'", problem.GetProperty("errors").GetProperty("endAt")[0].GetString());
        Assert.Empty(await _api.Api.Campaigns.ListAsync());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_stores_nothing()
    {
        await TenantAsync(_api, "bad", QuietPlaybook);
        var segment = await _api.Api.Segments.CreateAsync(new SegmentRequest("everyone", new SegmentFilter(Owners: ["alice"])));
        var now = DateTimeOffset.UtcNow;
        object Body(object? script = null, string? segmentId = null, DateTimeOffset? startAt = null, DateTimeOffset? endAt = null, string? name = "n") =>
            new { name, segmentId = segmentId ?? segment.SegmentId, script = script ?? new { title = "t", text = "x" }, startAt = startAt ?? now, endAt = endAt ?? now.AddHours(1) };
        var cases = new (object Body, string Field)[]
        {
            (Body(name: null), "'name'"),
            (Body(segmentId: "nope"), "'segmentId'"),
            (Body(segmentId: "a/b"), "'segmentId'"),
            (Body(script: new { title = "t" }), "'script.text'"),
            (Body(script: new { title = "t", text = "Hi {nmae}" }), "'script.text'"),
            (Body(script: new { title = "t", text = "x", variants = new[] { new { id = "a", title = "t", text = "x" }, new { id = "a", title = "t", text = "y" } } }), "'script.variants[1].id'"),
            (Body(script: new { title = "t", text = "x", variants = new[] { new { id = "a", title = "", text = "x" } } }), "'script.variants[0].title'"),
            (Body(endAt: now.AddHours(-1)), "'endAt'"),
            (Body(startAt: now.AddHours(2)), "'endAt'"),
            (Body(endAt: now.AddDays(40)), "'endAt'"),
            (Body(startAt: DateTimeOffset.MaxValue.AddDays(-2), endAt: DateTimeOffset.MaxValue.AddDays(-1)), "'endAt'"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await _api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/bad/campaigns", body, _api.AdminKey);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {text}");
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field.Trim('\''), out var error), $"{field}: {text}");
            Assert.Contains(field, error[0].GetString());
        }
        using var withApiKey = await _api.SendAsync(HttpMethod.Post, $"/api/v1/tenants/bad/campaigns", Body(), _api.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, withApiKey.StatusCode);
        Assert.Empty(await _api.Api.Campaigns.ListAsync());
        Assert.Null(await _api.Api.Campaigns.GetAsync("cmp-nothing"));
    }
}
