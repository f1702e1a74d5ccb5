using System.Net;
using System.Text.Json;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Retention;

/// <summary>
/// Retention of closed nudges (<c>Retention:ClosedNudges</c>) on a node keeping them 2 s, a pass every second. A
/// tenant's nudges closed longer ago than that and than its attribution window (1 minute, the shortest a playbook takes)
/// go, its open nudge stays, and its execution report answers the same figures after the purge as before (the reports
/// read the rollups, never the nudges). A tenant whose attribution window is 48 h keeps its closed nudges: a reply or
/// order may still be credited to them. A tenant whose playbook cannot be read is passed over, not the tenants after it.
/// </summary>
public sealed class ClosedNudgeRetentionTests : IAsyncLifetime
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(2);

    /// <summary>Every event snapshots the customer, so the event after a close leaves a snapshot saved after it.</summary>
    private static readonly string[] NodeArgs =
        ["--Retention:ClosedNudges:KeepFor", KeepFor.ToString(), "--Retention:ClosedNudges:PassEvery", "00:00:01", "--Customers:SnapshotEveryEvents", "1"];

    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _short = null!;
    private PlatformClient _long = null!;
    private readonly DateOnly _today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Playbook(string attributionWindow) => $$"""
        { "timeZone": "UTC", "contactPolicy": { "attributionWindow": "{{attributionWindow}}" },
          "rules": [ { "id": "welcome", "priority": 70, "trigger": { "kind": "event", "event": "friend.added" },
            "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "proactive": false, "title": "Welcome {name}", "script": "Say hello." } ] } ] }
        """;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "nudge-retention"), NodeArgs);
        _short = new PlatformClient(_node.BaseAddress);
        await _short.ProvisionAsync("nr-short", "alice");
        await _short.Api.Playbook.PutAsync(Playbook("1m"));
        _long = new PlatformClient(_node.BaseAddress);
        await _long.ProvisionAsync("nr-long", "alice");
        await _long.Api.Playbook.PutAsync(Playbook("48h"));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a saved playbook reaches decisions within Decisions:RefreshInterval (2 s)
    }

    public async Task DisposeAsync()
    {
        _short.Dispose();
        _long.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Closed_nudges_past_retention_are_deleted_open_ones_stay_and_the_report_answers_the_same_figures()
    {
        foreach (var client in new[] { _short, _long }) await ActAsync(client);

        var before = await ReportsAsync(_short);
        var total = before[0].Total;
        Assert.Equal((3L, 1L, 1L, 1L), (total.Raised, total.Done, total.NotUseful, total.Open));
        Assert.Equal(3L, await NudgesAsync("nr-short")); // the report above was read before the purge

        await PurgedAsync("nr-short");

        var after = await ReportsAsync(_short);
        for (var i = 0; i < before.Count; i++) Assert.Equal(Figures(before[i]), Figures(after[i]));

        // The 48 h attribution window outlasts both: those closed nudges are kept.
        Assert.Equal(3L, await NudgesAsync("nr-long"));
    }

    [Fact]
    public async Task A_tenant_whose_playbook_cannot_be_read_is_passed_over_and_the_tenants_after_it_are_still_purged()
    {
        foreach (var client in new[] { _short, _long }) await ActAsync(client);
        await _node.DisposeAsync();
        // Closed less than the 1-minute attribution window ago: nothing is purged yet.
        Assert.Equal(3L, await NudgesAsync("nr-short"));

        // nr-long's stored playbook is no longer JSON: the next node cannot activate its playbook grain. Every pass
        // reaches nr-long first (tenants go in name order), so without the per-tenant catch nr-short is never reached.
        Assert.Equal(1, await _database.ScalarAsync<int>(
            "UPDATE orleansstorage SET payloadbinary = convert_to('{', 'UTF8') WHERE graintypestring = 'playbook' AND grainidextensionstring = 'nr-long' RETURNING 1"));
        _node = await PlatformNode.StartAsync(_node.Settings, NodeArgs);
        using var unreadable = await _long.SendRawAsync(HttpMethod.Get, "/api/v1/tenants/nr-long/playbook", null, _long.AdminKey);
        Assert.Equal(HttpStatusCode.InternalServerError, unreadable.StatusCode);

        await PurgedAsync("nr-short");
        Assert.Equal(3L, await NudgesAsync("nr-long"));
    }

    /// <summary>Waits until the tenant's two closed nudges are deleted; its open one (c3's) stays.</summary>
    private async Task PurgedAsync(string tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (await NudgesAsync(tenant) > 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the closed nudges were not deleted in time");
            await Task.Delay(250);
        }
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM pdg_nudges WHERE tenant = '{tenant}' AND acked_at IS NULL AND customer_id = 'c3'"));
    }

    /// <summary>Three welcomes: one Done, one Not useful, one left open; then an event per customer, snapshotting it after the closes.</summary>
    private async Task ActAsync(PlatformClient client)
    {
        await client.PostEventsAsync(Events.FriendAdded("fa-1", "c1", "alice"), Events.FriendAdded("fa-2", "c2", "alice"), Events.FriendAdded("fa-3", "c3", "alice"));
        await using var console = await ConsoleClient.ConnectAsync(_node.BaseAddress, await client.ConsoleTokenAsync("alice"));
        var c1 = await console.WaitForAsync(n => n.CustomerId == "c1");
        var c2 = await console.WaitForAsync(n => n.CustomerId == "c2");
        await console.WaitForAsync(n => n.CustomerId == "c3");
        Assert.Equal(CloseResults.Closed, await console.AckAsync(c1.Id));
        Assert.Equal(CloseResults.Closed, await console.DismissAsync(c2.Id));
        await client.PostEventsAsync(Events.MessageReceived("m-1", "c1", "thanks"), Events.MessageReceived("m-2", "c2", "ok"), Events.MessageReceived("m-3", "c3", "hi"));
    }

    private async Task<List<ExecutionReport>> ReportsAsync(PlatformClient client)
    {
        var reports = new List<ExecutionReport>();
        foreach (var groupBy in new[] { "staff", "rule", "day" })
            reports.Add(await client.Api.Reports.GetExecutionAsync(_today.AddDays(-1), _today.AddDays(1), groupBy));
        return reports;
    }

    /// <summary>
    /// Everything a report answers but when it was generated and the first day customers reached are kept from, which
    /// that retention records at its first pass, 30 s after the node starts (400 days back: these reports' periods
    /// start after it either way).
    /// </summary>
    private static string Figures(ExecutionReport report) => JsonSerializer.Serialize(report with { GeneratedAt = default, CustomersReachedFrom = null });

    private Task<long> NudgesAsync(string tenant) => _database.ScalarAsync<long>($"SELECT count(*) FROM pdg_nudges WHERE tenant = '{tenant}'");
}
