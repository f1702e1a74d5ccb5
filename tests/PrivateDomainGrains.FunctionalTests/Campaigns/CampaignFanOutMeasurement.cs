using System.Diagnostics;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;
using PrivateDomainGrains.FunctionalTests.WeCom;
using Xunit.Abstractions;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// A property check and a measurement driver, not a speed assertion: one host process with the default campaign
/// settings (pages of 500, 32 members reached at once) and a segment of N customers, nine in ten owned by alice or bob,
/// one in ten owned by no one. The campaign must reach every member exactly once: one nudge to its owner for an owned
/// member (never two, never to anyone else), counted suppressed (no owner) for the others, and nothing else (the
/// property). Figures to the test output: members reached per second while the campaign works (members over the sum of
/// each release's span from its first nudge to its last; a release is a run of nudges with no gap of
/// <see cref="ReleaseGap"/>, the campaign's ticks being 1 s apart), how many members a release held, and the campaign
/// from its start to its last nudge. PDG_CAMPAIGN_MEASURE_MEMBERS sets N (default 1,000, a few seconds; 10,000 for the
/// README's figure); the window is N/100 seconds, at least 10, so about 100 members are due a second (one release per
/// tick) and the window never ends first. Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class CampaignFanOutMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ReleaseGap = TimeSpan.FromSeconds(0.5);
    private static readonly int Members = int.TryParse(Environment.GetEnvironmentVariable("PDG_CAMPAIGN_MEASURE_MEMBERS"), out var n) && n > 0 ? n : 1_000;

    private readonly TestDatabase _database = new();
    private HostProcess _host = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = NodeSettings.Fresh(_database.ConnectionString, "campaign-measure");
        _host = HostProcess.Start(settings, [.. WeComPlatform.Unlimited]);
        await _host.WaitUntilHealthyAsync();
        _api = new PlatformClient(settings.BaseAddress);
        await CampaignSetUp.TenantAsync(_api, "fan", CampaignSetUp.QuietPlaybook);
    }

    [Fact]
    public async Task A_campaign_reaches_every_member_of_its_segment_exactly_once_or_counts_why_not_and_its_fan_out_rate_is_reported()
    {
        // c-00000 … in id order; every tenth has no owner (a message from a stranger), the rest alice's and bob's in turn.
        var owners = Enumerable.Range(0, Members).ToDictionary(i => $"c-{i:D5}", i => i % 10 == 9 ? null : i % 2 == 0 ? "alice" : "bob");
        foreach (var chunk in owners.Chunk(200))
            Assert.Equal(chunk.Length, (await _api.PostEventsAsync([.. chunk.Select(c => c.Value is { } owner
                ? Events.FriendAdded("fa-" + c.Key, c.Key, owner, c.Key)
                : Events.MessageReceived("mr-" + c.Key, c.Key, "你好"))])).Accepted);
        var segment = await _api.Api.Segments.CreateAsync(new SegmentRequest("everyone", new SegmentFilter(Owners: ["alice", "bob"], Unowned: true)));
        Assert.Equal(Members, (await _api.Api.Segments.CountAsync(segment.SegmentId)).Count);

        var window = TimeSpan.FromSeconds(Math.Max(10, Members / 100));
        var started = Stopwatch.GetTimestamp();
        var created = await CampaignSetUp.CreateAsync(_api, segment.SegmentId, (int)window.TotalSeconds);
        var done = await CampaignSetUp.FinishedAsync(_api, created.CampaignId);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var unowned = owners.Count(o => o.Value is null);
        Assert.Equal(("completed", (long)Members, (long)Members), (done.State, done.MembersTotal, done.Reached));
        Assert.Equal((Members - unowned, 0L, unowned, 0L), ((int)done.Raised, done.Held, (int)done.Suppressed, done.Failed));
        var nudges = await CampaignSetUp.CampaignNudgesAsync(_database, "fan", created.CampaignId);
        Assert.Empty(nudges.GroupBy(x => x.CustomerId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(owners.Where(o => o.Value is not null).Select(o => (o.Key, o.Value!)).Order(), nudges.Select(x => (x.CustomerId, x.StaffId)).Order());

        // Releases as the campaign made them: runs of nudges in time order with no gap of ReleaseGap.
        var releases = new List<List<DateTimeOffset>>();
        foreach (var at in nudges.Select(x => x.At).Order())
        {
            if (releases.Count == 0 || at - releases[^1][^1] >= ReleaseGap) releases.Add([]);
            releases[^1].Add(at);
        }
        var spans = releases.Where(r => r.Count > 1).Select(r => (r[^1] - r[0]).TotalSeconds).ToList();
        var sizes = releases.Select(r => (double)r.Count).ToList();
        var working = spans.Sum();
        output.WriteLine($"{Members} members ({unowned} without an owner, suppressed), window {window.TotalSeconds:F0} s, {releases.Count} releases of {sizes.Min():F0}-{sizes.Max():F0} nudges (median {Median(sizes):F0})");
        output.WriteLine($"fan-out while a release is worked: {Members / working:F0} members/s ({working:F2} s over {spans.Count} releases; span min {spans.Min():F2} s, median {Median(spans):F2} s, max {spans.Max():F2} s)");
        output.WriteLine($"campaign created -> completed as the API saw it: {elapsed.TotalSeconds:F1} s (paced over the window); first -> last nudge {(nudges.Max(x => x.At) - nudges.Min(x => x.At)).TotalSeconds:F1} s");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
