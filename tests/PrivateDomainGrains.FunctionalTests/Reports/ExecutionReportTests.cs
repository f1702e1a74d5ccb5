using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Execution;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Reports;

/// <summary>
/// A scripted day for a team of three and a manager (<see cref="ScriptedDay"/>): known events raise known nudges, the
/// staff act on them in known ways, and every figure of the execution report, over HTTP and in each role's console
/// view, is what the script says.
/// </summary>
public sealed class ExecutionReportTests(ScriptedDay day) : IClassFixture<ScriptedDay>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly DateOnly From = Today.AddDays(-1), To = Today.AddDays(1);

    private PrivateDomainGrainsClient Api => day.Platform.Client.Api;

    [Fact]
    public async Task Each_staff_members_figures_are_exactly_what_the_script_did()
    {
        var report = await Api.Reports.GetExecutionAsync(From, To, "staff", "1m");

        Assert.Equal(["alice", "bob", "carol"], report.Groups.Select(g => g.Key));
        var alice = report.Groups[0];
        Assert.Equal(
            (Raised: 5L, Shown: 5L, Holdout: 0L, Delivered: 5L, Opened: 1L, Done: 1L, DoneByAction: 1L, DoneWithinHour: 2L, NotUseful: 1L, Expired: 0L, Obsolete: 1L),
            (alice.Raised, alice.Shown, alice.Holdout, alice.Delivered, alice.Opened, alice.Done, alice.DoneByAction, alice.DoneWithinHour, alice.NotUseful, alice.Expired, alice.Obsolete));
        Assert.Equal((Open: 1L, Snoozed: 1L, Overdue: 0L), (alice.Open, alice.Snoozed, alice.Overdue));
        Assert.Equal((2 / 5.0, 1 / 5.0, 0.0), (alice.DoneRate, alice.NotUsefulRate, alice.ExpiredRate));
        Assert.Equal((Replies: 1L, Orders: 2L, IttReplies: 2L, IttOrders: 2L), (alice.Replies, alice.Orders, alice.IttReplies, alice.IttOrders));
        Assert.Equal([new RevenueView("CNY", 100m, 100m), new RevenueView("USD", 50m, 50m)], alice.Revenue);
        // Reached: a1 (Done) and a3 (done by her own message); a2 not useful, a4 snoozed, a5 obsolete reach no one.
        Assert.Equal(2L, alice.CustomersReached);
        Assert.Equal([new RevenuePerCustomer("CNY", 50m), new RevenuePerCustomer("USD", 25m)], alice.RevenuePerCustomerReached);

        var bob = report.Groups[1];
        Assert.Equal((2L, 2L, 0L, 2L, 0L, 1L, 0L, 1L, 0L, 0L, 0L), (bob.Raised, bob.Shown, bob.Holdout, bob.Delivered, bob.Opened, bob.Done, bob.DoneByAction,
            bob.DoneWithinHour, bob.NotUseful, bob.Expired, bob.Obsolete));
        Assert.Equal((Open: 1L, Snoozed: 0L, Overdue: 1L), (bob.Open, bob.Snoozed, bob.Overdue));
        Assert.Equal((0.5, 0.0, 0.0), (bob.DoneRate, bob.NotUsefulRate, bob.ExpiredRate));
        Assert.Equal((0L, 1L, 0L, 1L), (bob.Replies, bob.Orders, bob.IttReplies, bob.IttOrders));
        Assert.Equal([new RevenueView("USD", 20m, 20m)], bob.Revenue);
        Assert.Equal(1L, bob.CustomersReached);

        var carol = report.Groups[2];
        var held = day.FollowUpHeldOut;
        Assert.Equal((9L, 9L - held, (long)held, 9L - held, 0L, 1L, 0L, 1L, 0L, 8L - held, 0L), (carol.Raised, carol.Shown, carol.Holdout, carol.Delivered,
            carol.Opened, carol.Done, carol.DoneByAction, carol.DoneWithinHour, carol.NotUseful, carol.Expired, carol.Obsolete));
        Assert.Equal((0L, 0L, 0L), (carol.Open, carol.Snoozed, carol.Overdue));
        Assert.Equal((1.0 / (9 - held), 0.0, (8.0 - held) / (9 - held)), (carol.DoneRate, carol.NotUsefulRate, carol.ExpiredRate));
        Assert.Equal((1L, 1L, 3L, 2L), (carol.Replies, carol.Orders, carol.IttReplies, carol.IttOrders));
        Assert.Equal([new RevenueView("CNY", 80m, 110m)], carol.Revenue);
        // Reached: c1 alone; the follow-ups shown to her expired unanswered.
        Assert.Equal((1L, 1L), (carol.CustomersReached, report.Total.CustomersReached - 3));
        Assert.Equal([new RevenuePerCustomer("CNY", 80m)], carol.RevenuePerCustomerReached);

        // Every done action took well under a minute, the first time-to-done bucket: the median and p90 interpolate within it.
        Assert.All(report.Groups, g => Assert.Equal((30.0, 54.0), (g.MedianSecondsToDone, g.P90SecondsToDone)));
        Assert.Equal((16L, 3L, 1L, 1L, 2L, 1L), (report.Total.Raised, report.Total.Done, report.Total.DoneByAction, report.Total.Obsolete,
            report.Total.Open, report.Total.Overdue));
        Assert.Equal([new RevenueView("CNY", 180m, 210m), new RevenueView("USD", 70m, 70m)], report.Total.Revenue);
    }

    [Fact]
    public async Task Teams_rules_and_days_add_up_to_the_same_total()
    {
        var byTeam = await Api.Reports.GetExecutionAsync(From, To, "team", "1m");
        Assert.Equal([("north", 7L, 2L, 3L), ("south", 9L, 1L, 1L)], byTeam.Groups.Select(g => (g.Key, g.Raised, g.Done, g.CustomersReached)));

        var byRule = await Api.Reports.GetExecutionAsync(From, To, "rule", "1m");
        Assert.Equal([("follow-up", 8L, 8L - day.FollowUpHeldOut, 0L, 0L), ("welcome", 8L, 0L, 3L, 4L)],
            byRule.Groups.Select(g => (g.Rule!, g.Raised, g.Expired, g.Done, g.CustomersReached)));

        var byDay = await Api.Reports.GetExecutionAsync(From, To, "day", "1m");
        Assert.Equal(16L, byDay.Groups.Sum(g => g.Raised));
        Assert.All(byDay.Groups, g => Assert.InRange(DateOnly.Parse(g.Key), From, To));
        Assert.Equal((byTeam.Total.Raised, byTeam.Total.Done, byTeam.Total.Expired, byTeam.Total.IttReplies, byTeam.Total.CustomersReached),
            (byDay.Total.Raised, byDay.Total.Done, byDay.Total.Expired, byDay.Total.IttReplies, byDay.Total.CustomersReached));
        Assert.Equal(4L, byDay.Groups.Sum(g => g.CustomersReached)); // each customer was reached on one day
    }

    [Fact]
    public async Task Each_variant_is_compared_with_its_rules_holdout_with_the_sample_sizes()
    {
        var report = await Api.Reports.GetExecutionAsync(From, To, "variant", "1m");

        Assert.Equal(["follow-up|a", "follow-up|b", "follow-up|holdout", "welcome|"], report.Groups.Select(g => g.Key));
        var arms = report.Groups.ToDictionary(g => g.Key);
        var holdout = arms["follow-up|holdout"];
        Assert.Equal((day.FollowUpHeldOut, day.FollowUpHeldOut, 0L), (holdout.Raised, holdout.Holdout, holdout.Shown));
        Assert.Null(holdout.Uplift);
        Assert.Null(arms["welcome|"].Uplift);
        foreach (var variant in new[] { "a", "b" })
        {
            var arm = arms["follow-up|" + variant];
            var (raised, replies, orders) = day.FollowUpArm(variant);
            Assert.Equal((raised, replies, orders), (arm.Raised, arm.IttReplies, arm.IttOrders));
            var (heldRaised, heldReplies, heldOrders) = day.FollowUpArm("holdout");
            var reply = Uplift.Of(replies, raised, heldReplies, heldRaised)!.Value;
            var order = Uplift.Of(orders, raised, heldOrders, heldRaised)!.Value;
            Assert.Equal(new UpliftView(raised, heldRaised, new UpliftFigure(reply.Difference, reply.Low, reply.High),
                new UpliftFigure(order.Difference, order.Low, order.High)), arm.Uplift);
        }
    }

    [Fact]
    public async Task A_manager_sees_their_team_and_a_staff_member_only_themself()
    {
        var manager = await Api.Reports.GetConsoleExecutionAsync(await day.Platform.Client.ConsoleTokenAsync("mia"), From, To, "staff", "1m");
        Assert.Equal(["alice", "bob"], manager.Groups.Select(g => g.Key));
        Assert.Equal("team", manager.Scope);
        Assert.Equal((7L, 3L), (manager.Total.Raised, manager.Total.CustomersReached));

        var staff = await Api.Reports.GetConsoleExecutionAsync(await day.Platform.Client.ConsoleTokenAsync("bob"), From, To, "rule", "1m");
        Assert.Equal([("welcome", 2L)], staff.Groups.Select(g => (g.Key, g.Raised)));
        Assert.Equal("self", staff.Scope);

        var admin = await Api.Reports.GetConsoleExecutionAsync(await day.Platform.Client.ConsoleTokenAsync("ada"), From, To, "staff", "1m");
        Assert.Equal((16L, "tenant"), (admin.Total.Raised, admin.Scope));
    }

    [Fact]
    public async Task The_overdue_drill_down_lists_the_open_unsnoozed_nudges_older_than_asked_and_only_those_the_caller_may_see()
    {
        var all = await Api.Reports.GetOverdueAsync("1m");
        var overdue = Assert.Single(all.Nudges);
        Assert.Equal((day.OverdueNudgeId, "bob", "b2", "welcome"), (overdue.NudgeId, overdue.StaffId, overdue.CustomerId, overdue.Rule));
        Assert.True(overdue.OpenSeconds >= 60);

        Assert.Empty((await Api.Reports.GetOverdueAsync("1h")).Nudges);
        var mia = await day.Platform.Client.ConsoleTokenAsync("mia");
        Assert.Equal([day.OverdueNudgeId], (await Api.Reports.GetConsoleOverdueAsync(mia, "1m", "bob")).Nudges.Select(n => n.NudgeId));
        var outside = await Assert.ThrowsAsync<PlatformApiException>(() => Api.Reports.GetConsoleOverdueAsync(mia, "1m", "carol"));
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Empty((await Api.Reports.GetConsoleOverdueAsync(await day.Platform.Client.ConsoleTokenAsync("carol"), "1m")).Nudges);
    }

    [Theory]
    [InlineData("?to=2026-01-01", "'from'")]
    [InlineData("?from=2026-01-01&to=2026-13-01", "'to'")]
    [InlineData("?from=2026-01-02&to=2026-01-01", "'to'")]
    [InlineData("?from=2024-01-01&to=2026-01-01", "'to'")]
    [InlineData("?from=2026-01-01&to=2026-01-01&groupBy=week", "'groupBy'")]
    [InlineData("?from=2026-01-01&to=2026-01-01&overdueAfter=0m", "'overdueAfter'")]
    [InlineData("?from=0001-01-01&to=0001-01-02", "'from'")]
    [InlineData("?from=1999-12-31&to=2000-01-01", "'from'")]
    [InlineData("?from=9999-12-30&to=9999-12-31", "'from'")]
    [InlineData("?from=2999-12-31&to=3000-01-01", "'to'")]
    [InlineData("?from=2999-12-31&to=9999-12-31&groupBy=day", "'to'")]
    public async Task A_bad_period_grouping_or_overdue_threshold_is_a_400_naming_the_parameter(string query, string named)
    {
        var client = day.Platform.Client;
        using var response = await client.SendRawAsync(HttpMethod.Get, $"/api/v1/tenants/{client.Tenant}/reports/execution{query}", null, client.ApiKey);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_calendars_ends_are_refused_on_the_console_too_and_the_range_limits_are_answered()
    {
        var client = day.Platform.Client;
        var mia = await client.ConsoleTokenAsync("mia");
        using var end = await client.SendRawAsync(HttpMethod.Get, "/api/v1/console/reports/execution?from=9999-12-31&to=9999-12-31", null, mia);
        Assert.Equal(HttpStatusCode.BadRequest, end.StatusCode);
        Assert.Contains("'from'", await end.Content.ReadAsStringAsync());
        foreach (var period in new[] { "?from=2000-01-01&to=2000-01-01", "?from=2999-12-31&to=2999-12-31" })
        {
            using var edge = await client.SendRawAsync(HttpMethod.Get, $"/api/v1/tenants/{client.Tenant}/reports/execution{period}&groupBy=day", null, client.ApiKey);
            Assert.Equal(HttpStatusCode.OK, edge.StatusCode);
        }
    }
}

/// <summary>
/// The script: team north (alice, bob; manager mia), team south (carol), admin ada. Welcome nudges go to the staff member
/// a customer added; follow-ups (variants a and b, half held out, expiring after a minute) to the owner.
/// <list type="bullet">
/// <item>alice: a1 opened and Done, then a1 replies and orders 100 CNY (both credited); a2 Not useful, then a2 replies
/// (credited to no one); a3 done by alice's own message, then a3 orders 50 USD; a4 snoozed for an hour; a5 obsolete
/// (the customer deleted alice).</item>
/// <item>bob: b1 Done, then b1 orders 20 USD; b2 left open (overdue after a minute).</item>
/// <item>carol: c1 Done, then c1 replies and orders 80 CNY; follow-ups for f1-f8 left to expire; f1 and f2 reply, f3
/// orders 30 CNY (conversions after raising, credited to no one).</item>
/// </list>
/// </summary>
public sealed class ScriptedDay : IAsyncLifetime
{
    private const string Playbook = """
        {
          "timeZone": "UTC",
          "rules": [
            { "id": "welcome", "priority": 70, "trigger": { "kind": "event", "event": "friend.added" },
              "actions": [ { "kind": "nudge", "nudgeKind": "welcome", "proactive": false, "to": "staff", "doneOn": ["message.sent"],
                "title": "Welcome {name}", "script": "Say hello." } ] },
            { "id": "follow-up", "priority": 60, "trigger": { "kind": "event", "event": "x.visit" },
              "actions": [ { "kind": "nudge", "nudgeKind": "follow-up", "proactive": false, "expiresAfter": "1m", "holdout": 0.5,
                "variants": [ { "id": "a", "weight": 1, "title": "Follow up A" }, { "id": "b", "weight": 1, "title": "Follow up B" } ],
                "title": "Follow up {name}", "script": "Ask how it went." } ] }
          ]
        }
        """;

    private static readonly string[] FollowUpCustomers = ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"];

    public SingleNodePlatform Platform { get; } = new();

    /// <summary>The id of b2's welcome, the one nudge overdue after a minute.</summary>
    public string OverdueNudgeId { get; private set; } = "";

    public long FollowUpHeldOut => FollowUpCustomers.Count(c => VariantOf(c) == "holdout");

    /// <summary>An arm of the follow-up test as the script made it: nudges raised, replies (f1, f2) and orders (f3) after raising.</summary>
    public (long Raised, long Replies, long Orders) FollowUpArm(string variant)
    {
        var customers = FollowUpCustomers.Where(c => VariantOf(c) == variant).ToList();
        return (customers.Count, customers.Count(c => c is "f1" or "f2"), customers.Count(c => c == "f3"));
    }

    /// <summary>The follow-up rule's assignment (holdout 0.5, then a and b weighted alike), as <see cref="VariantAssignment"/> makes it.</summary>
    private static string VariantOf(string customerId) => VariantAssignment.Unit(customerId, "follow-up") switch
    {
        < 0.5 => "holdout",
        < 0.75 => "a",
        _ => "b",
    };

    public async Task InitializeAsync()
    {
        await Platform.InitializeAsync();
        var api = Platform.Client.Api;
        Assert.All(new[] { "holdout", "a", "b" }, arm => Assert.Contains(FollowUpCustomers, c => VariantOf(c) == arm));
        await api.Playbook.PutAsync(Playbook);
        await api.Staff.UpdateAsync("alice", new UpdateStaffRequest(Team: "north"));
        await api.Staff.UpdateAsync("bob", new UpdateStaffRequest(Team: "north"));
        await api.Staff.CreateAsync(new CreateStaffRequest("carol", PlatformClient.StaffPassword, "Carol", Team: "south"));
        await api.Staff.CreateAsync(new CreateStaffRequest("mia", PlatformClient.StaffPassword, "Mia", "manager", "north"));
        await api.Staff.CreateAsync(new CreateStaffRequest("ada", PlatformClient.StaffPassword, "Ada", "admin"));

        await using var alice = await ActingConsole.ConnectAsync(Platform, "alice");
        await using var bob = await ActingConsole.ConnectAsync(Platform, "bob");
        await using var carol = await ActingConsole.ConnectAsync(Platform, "carol");

        await Post(Events.FriendAdded("a1-add", "a1", "alice"), Events.FriendAdded("a2-add", "a2", "alice"), Events.FriendAdded("a3-add", "a3", "alice"),
            Events.FriendAdded("a4-add", "a4", "alice"), Events.FriendAdded("a5-add", "a5", "alice"),
            Events.FriendAdded("b1-add", "b1", "bob"), Events.FriendAdded("b2-add", "b2", "bob"), Events.FriendAdded("c1-add", "c1", "carol"));
        var a = await alice.WaitForCustomersAsync("a1", "a2", "a3", "a4", "a5");
        var b = await bob.WaitForCustomersAsync("b1", "b2");
        var c = await carol.WaitForCustomersAsync("c1");
        OverdueNudgeId = b["b2"];

        Assert.Equal("opened", await alice.Hub.InvokeAsync<string>("Opened", a["a1"]));
        Assert.Equal("closed", await alice.Hub.InvokeAsync<string>("Ack", a["a1"]));
        Assert.Equal("closed", await alice.Hub.InvokeAsync<string>("Dismiss", a["a2"]));
        Assert.Equal("snoozed", await alice.Hub.InvokeAsync<string>("Snooze", a["a4"], DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal("closed", await bob.Hub.InvokeAsync<string>("Ack", b["b1"]));
        Assert.Equal("closed", await carol.Hub.InvokeAsync<string>("Ack", c["c1"]));
        await Post(
            Events.MessageReceived("a1-reply", "a1", "thanks!"), Order("a1-order", "a1", 100m, "CNY"),
            Events.MessageReceived("a2-reply", "a2", "who are you?"),
            new PostedEvent("a3-sent", "a3", "message.sent", Channel: "wecom", StaffId: "alice", Text: "Hello!"), Order("a3-order", "a3", 50m, "USD"),
            new PostedEvent("a5-deleted", "a5", "friend.deleted", StaffId: "alice"),
            Order("b1-order", "b1", 20m, "USD"),
            Events.MessageReceived("c1-reply", "c1", "great"), Order("c1-order", "c1", 80m, "CNY"));

        // Events create customers (an owner alone does not); carol owns them before the visit decides.
        await Post([.. FollowUpCustomers.Select(f => new PostedEvent(f + "-seen", f, "x.seen"))]);
        foreach (var customer in FollowUpCustomers) await api.Customers.AssignOwnerAsync(customer, "carol");
        await Post([.. FollowUpCustomers.Select(f => new PostedEvent(f + "-visit", f, "x.visit"))]);
        await carol.WaitForCustomersAsync([.. FollowUpCustomers.Where(f => VariantOf(f) != "holdout")]);
        await Post(Events.MessageReceived("f1-reply", "f1", "ok"), Events.MessageReceived("f2-reply", "f2", "ok"), Order("f3-order", "f3", 30m, "CNY"));

        // The follow-ups expire a minute after they were raised; b2's welcome is older by then, so overdue after a minute.
        var shownFollowUps = FollowUpCustomers.Length - FollowUpHeldOut;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        while (true)
        {
            var total = (await api.Reports.GetExecutionAsync(today.AddDays(-1), today.AddDays(1), "staff", "1m")).Total;
            if (total.Expired == shownFollowUps && total.Delivered == 8 + shownFollowUps && total.Overdue == 1 && total.IttOrders == 5
                && total.CustomersReached == 4) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The script's figures did not settle: {total}");
            await Task.Delay(500);
        }
    }

    private async Task Post(params PostedEvent[] events)
    {
        var response = await Platform.Client.PostEventsAsync(events);
        Assert.Equal(events.Length, response.Accepted);
    }

    private static PostedEvent Order(string id, string customerId, decimal amount, string currency) =>
        new(id, customerId, "order.paid", Data: new Dictionary<string, string>
        {
            ["orderId"] = id, ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["currency"] = currency,
        });

    public Task DisposeAsync() => Platform.DisposeAsync();
}

/// <summary>A staff console on the hub that acts as the console does (Opened, Ack, Dismiss, Snooze) and records the nudges it is sent.</summary>
public sealed class ActingConsole : IAsyncDisposable
{
    private readonly Dictionary<string, string> _byCustomer = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);

    private ActingConsole(HubConnection hub)
    {
        Hub = hub;
        hub.On<Nudge[]>("nudges", nudges =>
        {
            lock (_byCustomer)
                foreach (var n in nudges) _byCustomer[n.CustomerId] = n.Id;
            _arrived.Release();
        });
    }

    public HubConnection Hub { get; }

    /// <summary>Forgets the nudge received about <paramref name="customerId"/>, so that <see cref="WaitForCustomersAsync"/> waits for the next one.</summary>
    public void Forget(string customerId)
    {
        lock (_byCustomer) _byCustomer.Remove(customerId);
    }

    public static async Task<ActingConsole> ConnectAsync(SingleNodePlatform platform, string staffId)
    {
        var token = await platform.Client.ConsoleTokenAsync(staffId);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(platform.Node.BaseAddress, ConsoleHubClient.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var console = new ActingConsole(hub);
        await hub.StartAsync();
        return console;
    }

    /// <summary>Waits until a nudge about each of <paramref name="customers"/> arrived; returns their ids by customer.</summary>
    public async Task<Dictionary<string, string>> WaitForCustomersAsync(params string[] customers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            lock (_byCustomer)
                if (customers.All(_byCustomer.ContainsKey)) return customers.ToDictionary(c => c, c => _byCustomer[c]);
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                lock (_byCustomer) throw new TimeoutException($"Nudges arrived for {string.Join(", ", _byCustomer.Keys)}, not all of {string.Join(", ", customers)}");
        }
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}
