using Npgsql;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Campaigns;

/// <summary>
/// The steps campaign tests start from and read results with: a tenant with staff alice and bob and a playbook, their
/// customers, a segment of all of them, a campaign over it, waiting for it to finish, and its nudges as the inbox stores them.
/// </summary>
internal static class CampaignSetUp
{
    /// <summary>No rules (a friend.added raises nothing) and, unless a test adds one, no contact policy.</summary>
    public const string QuietPlaybook = """{ "timeZone": "Asia/Shanghai", "rules": [] }""";

    /// <summary>No rules, and a contact policy that holds every nudge from <paramref name="start"/> to <paramref name="end"/> (HH:mm) in <paramref name="timeZone"/>.</summary>
    public static string QuietHoursPlaybook(string start, string end, string timeZone = "Asia/Shanghai") =>
        $$"""{ "timeZone": "{{timeZone}}", "rules": [], "contactPolicy": { "quietHours": { "start": "{{start}}", "end": "{{end}}" } } }""";

    /// <summary>Tenant <paramref name="tenant"/> with staff alice and bob, on <paramref name="playbook"/>; <paramref name="api"/> speaks for it from then on.</summary>
    public static async Task TenantAsync(PlatformClient api, string tenant, string playbook)
    {
        await api.ProvisionAsync(tenant, "alice", "bob");
        using var put = await api.PutPlaybookRawAsync(playbook);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    /// <summary>Customers <c>{prefix}-0..n-1</c>, owned by alice and bob in turn; returns customer → owner.</summary>
    public static async Task<Dictionary<string, string>> CustomersAsync(PlatformClient api, string prefix, int count)
    {
        var owners = Enumerable.Range(0, count).ToDictionary(i => $"{prefix}-{i}", i => i % 2 == 0 ? "alice" : "bob");
        foreach (var chunk in owners.Chunk(100))
            await api.PostEventsAsync([.. chunk.Select(c => Events.FriendAdded("fa-" + c.Key, c.Key, c.Value, c.Key))]);
        return owners;
    }

    /// <summary>A saved segment of every customer alice or bob owns.</summary>
    public static Task<SegmentView> EveryoneAsync(PlatformClient api) =>
        api.Api.Segments.CreateAsync(new SegmentRequest("everyone", new SegmentFilter(Owners: ["alice", "bob"])));

    /// <summary>A campaign over the segment from now for <paramref name="windowSeconds"/>, saying "Hello {name}".</summary>
    public static Task<CampaignView> CreateAsync(PlatformClient api, string segmentId, int windowSeconds)
    {
        var now = DateTimeOffset.UtcNow;
        return api.Api.Campaigns.CreateAsync(new CampaignRequest("c", segmentId, new CampaignScript("Hello {name}", "Hi"), now, now.AddSeconds(windowSeconds)));
    }

    /// <summary>The campaign once it is neither running nor paused (within two minutes).</summary>
    public static async Task<CampaignView> FinishedAsync(PlatformClient api, string campaignId) =>
        await EventuallyAsync(async () => await api.Api.Campaigns.GetAsync(campaignId) is { State: not ("running" or "paused") } v ? v : null, TimeSpan.FromMinutes(2));

    /// <summary>The first non-null answer of <paramref name="probe"/>, asked every 100 ms; fails after <paramref name="within"/> (60 s).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan? within = null) where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await probe() is { } value) return value;
            Assert.True(DateTime.UtcNow < deadline, "not within the time allowed");
            await Task.Delay(100);
        }
    }

    /// <summary>One of a campaign's nudges: to whom, about whom, when raised, and its text.</summary>
    public sealed record CampaignNudge(string CustomerId, string StaffId, DateTimeOffset At, string Text);

    /// <summary>The campaign's nudges as the inbox stores them.</summary>
    public static async Task<List<CampaignNudge>> CampaignNudgesAsync(TestDatabase database, string tenant, string campaignId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT customer_id, staff_id, created_at, body FROM pdg_nudges WHERE tenant = $1 AND source = $2", connection);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = "campaign:" + campaignId });
        var nudges = new List<CampaignNudge>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            nudges.Add(new(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.GetString(3)));
        return nudges;
    }
}
