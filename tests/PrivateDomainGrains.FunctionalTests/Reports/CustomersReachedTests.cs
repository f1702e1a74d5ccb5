using Microsoft.AspNetCore.SignalR.Client;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// Customers reached (<see cref="ExecutionGroup.CustomersReached"/>) across a handover, a not-useful, an action of the
/// staff member's own and a personal-data erasure (<see cref="HandedOverDay"/>); the expired nudges of the scripted day
/// reach no one (<see cref="ExecutionReportTests"/>). Each figure is a distinct count of customers, checked exactly.
/// </summary>
public sealed class CustomersReachedTests(HandedOverDay day) : IClassFixture<HandedOverDay>
{
    private PrivateDomainGrainsClient Api => day.Platform.Client.Api;

    [Fact]
    public async Task A_customer_counts_once_per_staff_member_who_acted_on_one_of_their_nudges()
    {
        var report = await day.ReportAsync("staff");

        Assert.Equal([("alice", 1L), ("bob", 2L), ("carol", 1L)], report.Groups.Select(g => (g.Key, g.CustomersReached)));
        Assert.Equal(3L, report.Total.CustomersReached);
        // k1 was Done twice by alice (welcome, follow-up): one customer; k4's Not useful and k3's open welcome reach no one.
        Assert.Equal((2L, 1L, 1L), (report.Groups[0].Done, report.Groups[2].DoneByAction, report.Groups[2].NotUseful));
    }

    [Fact]
    public async Task A_handed_over_customer_reached_by_two_staff_members_of_a_team_counts_once_for_the_team()
    {
        var report = await day.ReportAsync("team");

        Assert.Equal([("north", 2L), ("south", 1L)], report.Groups.Select(g => (g.Key, g.CustomersReached)));
        Assert.Equal(3L, report.Total.CustomersReached);
    }

    [Fact]
    public async Task Rules_and_days_count_each_customer_once_whoever_reached_them()
    {
        var byRule = await day.ReportAsync("rule");
        Assert.Equal([("follow-up", 1L), ("welcome", 3L)], byRule.Groups.Select(g => (g.Key, g.CustomersReached)));

        var byDay = await day.ReportAsync("day");
        Assert.Equal(3L, byDay.Groups.Single(g => g.Raised > 0).CustomersReached);
        Assert.Equal(3L, byDay.Total.CustomersReached);
    }

    [Fact]
    public async Task A_managers_view_counts_their_teams_customers_once()
    {
        var mia = await day.Platform.Client.ConsoleTokenAsync("mia");

        var byStaff = await Api.Reports.GetConsoleExecutionAsync(mia, HandedOverDay.From, HandedOverDay.To, "staff");
        Assert.Equal([("alice", 1L), ("bob", 2L)], byStaff.Groups.Select(g => (g.Key, g.CustomersReached)));
        Assert.Equal(2L, byStaff.Total.CustomersReached);

        var byRule = await Api.Reports.GetConsoleExecutionAsync(mia, HandedOverDay.From, HandedOverDay.To, "rule");
        Assert.Equal([("follow-up", 1L), ("welcome", 2L)], byRule.Groups.Select(g => (g.Key, g.CustomersReached)));
        Assert.Equal(2L, byRule.Total.CustomersReached);
    }

    [Fact]
    public async Task Revenue_per_customer_reached_divides_the_attributed_revenue_per_currency()
    {
        var bob = (await day.ReportAsync("staff")).Groups.Single(g => g.Key == "bob");

        Assert.Equal(("CNY", 90m), (bob.Revenue.Single().Currency, bob.Revenue.Single().Attributed));
        Assert.Equal([new RevenuePerCustomer("CNY", 45m)], bob.RevenuePerCustomerReached);
        Assert.Empty((await day.ReportAsync("staff")).Groups.Single(g => g.Key == "carol").RevenuePerCustomerReached);
    }

    [Fact]
    public void An_erasure_removes_the_customers_reaches_and_leaves_the_figures_as_it_leaves_the_others()
    {
        Assert.Equal(1, day.Erased.Rows["pdg_execution_reach"]); // k2's welcome, Done by bob after the handover (its follow-up was open)
        Assert.Equal((2L, 3L), (day.AfterErasure.Groups.Single(g => g.Key == "bob").CustomersReached, day.AfterErasure.Total.CustomersReached));
        Assert.Equal(day.BeforeErasure.Total.Done, day.AfterErasure.Total.Done);
    }
}

/// <summary>
/// The script: team north (alice, bob; manager mia), team south (carol). Welcome nudges go to the staff member a customer
/// added; follow-ups (on <c>x.visit</c>) to the owner.
/// <list type="bullet">
/// <item>alice: k1 welcome Done, k1 follow-up Done; k2 welcome left open.</item>
/// <item>alice's customers are handed over to bob: k2's open welcome goes with them, and bob Does it; k1 visits again,
/// bob Does that follow-up, then k1 orders 90 CNY (credited to bob's follow-up).</item>
/// <item>carol: k3 welcome left open; k4 welcome Not useful; k5 welcome done by carol's own message.</item>
/// <item>k2 visits (a follow-up to bob, left open) and is then erased.</item>
/// </list>
/// </summary>
public sealed class HandedOverDay : IAsyncLifetime
{
    private const string Playbook = """
        {
          "timeZone": "UTC",
          "rules": [
            { "id": "welcome", "priority": 70, "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "proactive": false, "to": "staff", "doneOn": ["message.sent"],
                "title": "Welcome {name}", "script": "Say hello." } ] },
            { "id": "follow-up", "priority": 60, "trigger": { "kind": "event", "event": "x.visit" },
              "actions": [ { "kind": "nudge", "nudgeKind": "follow-up", "proactive": false, "title": "Follow up {name}", "script": "Ask how it went." } ] }
          ]
        }
        """;

    public static readonly DateOnly From = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), To = From.AddDays(2);

    public SingleNodePlatform Platform { get; } = new();

    public ErasureReport Erased { get; private set; } = null!;

    public ExecutionReport BeforeErasure { get; private set; } = null!;

    public ExecutionReport AfterErasure { get; private set; } = null!;

    public Task<ExecutionReport> ReportAsync(string groupBy) => Platform.Client.Api.Reports.GetExecutionAsync(From, To, groupBy);

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        var api = Platform.Client.Api;
        await api.Playbook.PutAsync(Playbook);
        await api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Staff.UpdateAsync("bob", new UpdateStaffRequest(Team: "north"));
        await api.Staff.CreateAsync(new CreateStaffRequest("carol", PlatformClient.StaffPassword, "Carol", Team: "south"));
        await api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));

        await using var alice = await ActingConsole.ConnectAsync(Platform, "alice");
        await using var bob = await ActingConsole.ConnectAsync(Platform, "bob");
        await using var carol = await ActingConsole.ConnectAsync(Platform, "carol");

        await Post(Events.FriendAdded("k1-add", "k1", "alice"), Events.FriendAdded("k2-add", "k2", "alice"),
            Events.FriendAdded("k3-add", "k3", "carol"), Events.FriendAdded("k4-add", "k4", "carol"), Events.FriendAdded("k5-add", "k5", "carol"));
        var welcomes = await alice.WaitForCustomersAsync("k1", "k2");
        var c = await carol.WaitForCustomersAsync("k3", "k4", "k5");
        Assert.Equal("closed", await alice.Hub.InvokeAsync<string>("Ack", welcomes["k1"]));
        Assert.Equal("closed", await carol.Hub.InvokeAsync<string>("Dismiss", c["k4"]));
        await Post(new PostedEvent("k5-sent", "k5", "message.sent", Channel: "wecom", StaffId: "carol", Text: "Hello!"));

        alice.Forget("k1");
        await Post(new PostedEvent("k1-visit-1", "k1", "x.visit"));
        Assert.Equal("closed", await alice.Hub.InvokeAsync<string>("Ack", (await alice.WaitForCustomersAsync("k1"))["k1"]));

        var handover = await api.Handovers.StartAsync("alice", "bob");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await api.Handovers.GetAsync(handover.HandoverId)).Completed)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The handover did not complete");
            await Task.Delay(100);
        }
        // k2's open welcome, addressed to alice by name, went to bob with the handover.
        Assert.Equal("closed", await bob.Hub.InvokeAsync<string>("Ack", welcomes["k2"]));
        await Post(new PostedEvent("k1-visit-2", "k1", "x.visit"));
        Assert.Equal("closed", await bob.Hub.InvokeAsync<string>("Ack", (await bob.WaitForCustomersAsync("k1"))["k1"]));
        await Post(Events.OrderPaid("k1-order", "k1", "o-k1", 90m));

        await SettledAsync(r => r.Total.CustomersReached == 3 && r.Total.Orders == 1 && r.Total.DoneByAction == 1);
        await Post(new PostedEvent("k2-visit", "k2", "x.visit"));
        bob.Forget("k2");
        await bob.WaitForCustomersAsync("k2");
        BeforeErasure = await ReportAsync("staff");
        Erased = await api.PersonalData.EraseAsync("k2");
        AfterErasure = await SettledAsync(_ => true);
    }

    /// <summary>Reads the report until <paramref name="settled"/> holds of it, after the fold that runs every second has had a round.</summary>
    private async Task<ExecutionReport> SettledAsync(Func<ExecutionReport, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await Task.Delay(TimeSpan.FromSeconds(2));
        while (true)
        {
            var report = await ReportAsync("staff");
            if (settled(report)) return report;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The figures did not settle: {report.Total}");
            await Task.Delay(250);
        }
    }

    private async Task Post(params PostedEvent[] events)
    {
        var response = await Platform.Client.PostEventsAsync(events);
        Assert.Equal(events.Length, response.Accepted);
    }

    public Task DisposeAsync() => Platform.DisposeAsync();
}
