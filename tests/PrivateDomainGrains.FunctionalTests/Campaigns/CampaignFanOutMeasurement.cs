using System.Diagnostics;
using Npgsql;
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
/// property). Figures to the test output: members reached per second while a page is worked (members over the sum of
/// each page's span from its first nudge to its last), and the campaign from its start to its last nudge.
/// PDG_CAMPAIGN_MEASURE_MEMBERS sets N (default 1,000, a few seconds; 10,000 for the README's figure); the window is
/// N/100 seconds, at least 10, so pages of 500 are due every 5 s at most and the window never ends first. Run with
/// <c>--logger "console;verbosity=detailed"</c> to see the figures.
/// </summary>
public sealed class CampaignFanOutMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PageSize = 500;
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
        await CampaignTests.TenantAsync(_api, "fan", CampaignTests.QuietPlaybook);
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
        var created = await CampaignTests.CreateAsync(_api, segment.SegmentId, (int)window.TotalSeconds);
        var done = await CampaignTests.FinishedAsync(_api, created.CampaignId);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var unowned = owners.Count(o => o.Value is null);
        Assert.Equal(("completed", (long)Members, (long)Members), (done.State, done.MembersTotal, done.Reached));
        Assert.Equal((Members - unowned, 0L, unowned, 0L), ((int)done.Raised, done.Held, (int)done.Suppressed, done.Failed));
        var nudges = await CampaignTests.CampaignNudgesAsync(_database, "fan", created.CampaignId);
        Assert.Empty(nudges.GroupBy(x => x.CustomerId).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(owners.Where(o => o.Value is not null).Select(o => (o.Key, o.Value!)).Order(), nudges.Select(x => (x.CustomerId, x.StaffId)).Order());

        // Pages as the campaign read them: PageSize members at a time in the directory's id order.
        var order = await MemberOrderAsync();
        var raisedAt = nudges.ToDictionary(x => x.CustomerId, x => x.At);
        var spans = order.Chunk(PageSize).Select(page => page.Where(raisedAt.ContainsKey).Select(id => raisedAt[id]).ToList())
            .Where(at => at.Count > 1).Select(at => (at.Max() - at.Min()).TotalSeconds).ToList();
        var working = spans.Sum();
        output.WriteLine($"{Members} members ({unowned} without an owner, suppressed), {spans.Count} pages of {PageSize}, window {window.TotalSeconds:F0} s");
        output.WriteLine($"fan-out while a page is worked: {Members / working:F0} members/s ({working:F2} s over {spans.Count} pages; page span min {spans.Min():F2} s, median {Median(spans):F2} s, max {spans.Max():F2} s)");
        output.WriteLine($"campaign created -> completed as the API saw it: {elapsed.TotalSeconds:F1} s (paced over the window); first -> last nudge {(nudges.Max(x => x.At) - nudges.Min(x => x.At)).TotalSeconds:F1} s");
    }

    private async Task<List<string>> MemberOrderAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT customer_id FROM pdg_customer_directory WHERE tenant = 'fan' ORDER BY customer_id", connection);
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
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
