using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

/// <summary>
/// Events as integrations really send them, through a real node and PostgreSQL: late and out of order, followed by
/// several staff members, backfilled from years ago, with reused ids, for customers nobody added, naming staff who left.
/// </summary>
public sealed class EventSemanticsTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    /// <summary>Half an hour ago: live, well inside the one day after which an event is history.</summary>
    private static readonly DateTimeOffset T = DateTimeOffset.UtcNow.AddMinutes(-30);

    private static PostedEvent Friend(string id, string customer, string staff, DateTimeOffset at, bool added = true) =>
        new(id, customer, added ? "friend.added" : "friend.deleted", at, "wecom", staff);

    private static PostedEvent Message(string id, string customer, string? staff, DateTimeOffset at, string text, bool sent = false) =>
        new(id, customer, sent ? "message.sent" : "message.received", at, "wecom", staff, text);

    private async Task StaffAsync(string staffId)
    {
        try
        {
            await Api.Api.Staff.CreateAsync(staffId, PlatformClient.StaffPassword, staffId);
        }
        catch (PlatformApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Created by another test of this class.
        }
    }

    /// <summary>
    /// The staff member's open queue as a fresh console receives it: <paramref name="marker"/> (a customer of theirs
    /// with a reply raised last) tells when the replay is complete.
    /// </summary>
    private async Task<IReadOnlyList<Nudge>> QueueAsync(string staffId, string marker)
    {
        await Api.PostEventsAsync(Friend($"{marker}-add", marker, staffId, T), Message($"{marker}-msg", marker, staffId, T.AddMinutes(1), "marker"));
        await using var console = await platform.ConsoleAsync(staffId);
        await console.WaitForAsync(n => n.EventId == $"{marker}-msg");
        return console.Received;
    }

    [Fact]
    public async Task A_deletion_that_arrives_before_the_earlier_add_leaves_the_customer_lost_and_sends_no_welcome()
    {
        await StaffAsync("carol");
        await Api.PostEventsAsync(Friend("oo-del", "c-ooo", "carol", T.AddMinutes(10), added: false));
        await Api.PostEventsAsync(Friend("oo-add", "c-ooo", "carol", T));

        var customer = (await Api.Api.Customers.GetAsync("c-ooo"))!;
        Assert.Equal("Lost", customer.Status);
        Assert.Equal(("carol", false), customer.Relationships.Select(r => (r.StaffId, r.Active)).Single());
        Assert.Equal("customer-lost", customer.NextBestAction?.Kind);
        var queue = await QueueAsync("carol", "c-ooo-marker");
        Assert.Contains(queue, n => n.EventId == "oo-del" && n.Kind == "customer-lost");
        Assert.DoesNotContain(queue, n => n.EventId == "oo-add");
    }

    [Fact]
    public async Task Each_follower_is_welcomed_and_told_of_their_own_deletion_and_the_customer_stays_active_while_one_remains()
    {
        await Api.PostEventsAsync(Friend("mf-alice", "c-multi", "alice", T), Friend("mf-bob", "c-multi", "bob", T.AddMinutes(5)));
        await Api.PostEventsAsync(Friend("mf-bob-del", "c-multi", "bob", T.AddMinutes(10), added: false));

        var customer = (await Api.Api.Customers.GetAsync("c-multi"))!;
        Assert.Equal(("Active", "alice", "follower"), (customer.Status, customer.Owner, customer.OwnerBasis));
        Assert.Equal([("alice", true), ("bob", false)], customer.Relationships.Select(r => (r.StaffId, r.Active)));
        var bobs = await QueueAsync("bob", "c-multi-marker-bob");
        Assert.Contains(bobs, n => n.EventId == "mf-bob-del" && n.Kind == "customer-lost" && n.Text.Contains("removed you"));
        // Bob's welcome closed as obsolete when the customer deleted him: it is not in his queue.
        Assert.DoesNotContain(bobs, n => n.EventId == "mf-bob");
        var alices = await QueueAsync("alice", "c-multi-marker-alice");
        Assert.Contains(alices, n => n.EventId == "mf-alice" && n.Kind == "welcome");
        Assert.DoesNotContain(alices, n => n.EventId is "mf-bob" or "mf-bob-del");
    }

    [Fact]
    public async Task A_backfill_builds_history_and_relationships_but_prompts_no_one()
    {
        await StaffAsync("dave");
        var in2024 = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var conversation = new[]
        {
            Friend("bf-add", "c-2024", "dave", in2024),
            Message("bf-in", "c-2024", "dave", in2024.AddMinutes(1), "hello, how much is the card?"),
            Message("bf-out", "c-2024", "dave", in2024.AddMinutes(3), "it is 199", sent: true),
        };
        var backfilled = await Api.Api.Events.BackfillAsync(conversation);
        // The same history without the marker is history too: it is years older than the playbook's backfillAfter.
        var old = await Api.PostEventsAsync(conversation.Select(e => e with { Id = e.Id + "-auto", CustomerId = "c-2024-auto" }).ToArray());

        Assert.Equal((3, 3), (backfilled.Accepted, old.Accepted));
        foreach (var id in new[] { "c-2024", "c-2024-auto" })
        {
            var customer = (await Api.Api.Customers.GetAsync(id))!;
            Assert.Equal(("Active", "dave", 1, 1), (customer.Status, customer.Owner, customer.Counters.MessagesReceived, customer.Counters.MessagesSent));
            Assert.Null(customer.NextBestAction);
        }
        var queue = await QueueAsync("dave", "c-2024-marker");
        Assert.DoesNotContain(queue, n => n.CustomerId is "c-2024" or "c-2024-auto");
    }

    [Fact]
    public async Task An_event_id_reused_for_another_customer_is_a_conflict_and_stores_nothing()
    {
        const string id = "add_external_contact:carol:1764475200";
        await StaffAsync("carol");
        var first = await Api.PostEventsAsync(Friend(id, "ext-aaa", "carol", T));
        var reused = await Api.PostEventsAsync(Friend(id, "ext-bbb", "carol", T), Message("ext-bbb-hi", "ext-bbb", "carol", T, "hi"));
        var retried = await Api.PostEventsAsync(Friend(id, "ext-aaa", "carol", T));

        Assert.Equal(1, first.Accepted);
        Assert.Equal((1, 0, 1), (reused.Accepted, reused.Duplicates, reused.Rejected));
        var conflict = Assert.Single(reused.Errors);
        Assert.Equal((0, 409, id), (conflict.Index, conflict.Status, conflict.EventId));
        Assert.Contains("ext-aaa", conflict.Errors.Single());
        Assert.Equal((0, 1), (retried.Accepted, retried.Duplicates));
        var bbb = (await Api.Api.Customers.GetAsync("ext-bbb"))!;
        Assert.Equal(["ext-bbb-hi"], bbb.RecentInteractions.Select(i => i.EventId));
        Assert.Empty(bbb.Relationships);
    }

    [Fact]
    public async Task The_same_id_on_the_same_customer_with_another_type_is_a_conflict_not_a_duplicate()
    {
        await Api.PostEventsAsync(Message("same-id", "c-same", null, T, "hello"));
        var other = await Api.PostEventsAsync(Message("same-id", "c-same", null, T.AddMinutes(1), "another message", sent: true));

        Assert.Equal(409, Assert.Single(other.Errors).Status);
        Assert.Equal(1, (await Api.Api.Customers.GetAsync("c-same"))!.Counters.MessagesReceived);
    }

    [Fact]
    public async Task A_message_from_a_customer_nobody_added_says_they_have_no_owner_and_the_reply_waits_for_one()
    {
        var response = await Api.PostEventsAsync(Message("un-1", "c-unowned", null, T, "is anyone there?"));

        Assert.Equal(["c-unowned"], response.Unowned);
        var customer = (await Api.Api.Customers.GetAsync("c-unowned"))!;
        Assert.Null(customer.Owner);
        Assert.Equal("reply", customer.NextBestAction?.Kind);

        await StaffAsync("frank");
        await Api.Api.Customers.AssignOwnerAsync("c-unowned", "frank");
        var queue = await QueueAsync("frank", "c-unowned-marker");
        Assert.Contains(queue, n => n.EventId == "un-1" && n.Kind == "reply");
    }

    [Fact]
    public async Task A_reply_sent_from_the_phone_closes_the_reply_and_the_welcome_on_every_console()
    {
        await StaffAsync("gina");
        await Api.PostEventsAsync(Friend("oob-add", "c-oob", "gina", T), Message("oob-in", "c-oob", "gina", T.AddMinutes(1), "price?"));
        await using var console = await platform.ConsoleAsync("gina");
        var reply = await console.WaitForAsync(n => n.EventId == "oob-in");
        var welcome = await console.WaitForAsync(n => n.EventId == "oob-add");

        await Api.PostEventsAsync(Message("oob-out", "c-oob", "gina", T.AddMinutes(2), "199 yuan", sent: true));

        Assert.Equal("done-by-action", (await console.WaitForChangeAsync(c => c.Id == reply.Id)).Closed);
        Assert.Equal("done-by-action", (await console.WaitForChangeAsync(c => c.Id == welcome.Id)).Closed);
        Assert.Null((await Api.Api.Customers.GetAsync("c-oob"))!.NextBestAction);
        var queue = await QueueAsync("gina", "c-oob-marker");
        Assert.DoesNotContain(queue, n => n.CustomerId == "c-oob");
    }

    [Fact]
    public async Task Events_that_still_name_a_leaver_go_to_the_successor_and_the_handover_completes_only_when_nothing_is_left()
    {
        await StaffAsync("erin");
        await StaffAsync("hank");
        await Api.PostEventsAsync(Enumerable.Range(0, 3).Select(i => Friend($"lv-{i}", $"c-leaver-{i}", "erin", T)).ToArray());

        var started = await Api.Api.Handovers.StartAsync("erin", "hank", departure: true);
        // WeCom callbacks for the leaver keep arriving after the departure began.
        await Api.PostEventsAsync(Friend("lv-late", "c-leaver-late", "erin", T.AddMinutes(1)),
            Message("lv-late-msg", "c-leaver-0", "erin", T.AddMinutes(2), "still there?"));

        var status = await Api.Api.Handovers.GetAsync(started.HandoverId);
        for (var i = 0; i < 150 && !status.Completed; i++)
        {
            await Task.Delay(200);
            status = await Api.Api.Handovers.GetAsync(started.HandoverId);
        }
        Assert.True(status.Completed, $"handover still {status.State}");
        Assert.Equal((0L, true), (status.Remaining, status.Departure));
        foreach (var customer in new[] { "c-leaver-0", "c-leaver-1", "c-leaver-2", "c-leaver-late" })
        {
            var view = (await Api.Api.Customers.GetAsync(customer))!;
            Assert.Equal("hank", view.Owner);
            Assert.Equal(["hank"], view.Relationships.Select(r => r.StaffId));
        }
        var queue = await QueueAsync("hank", "c-leaver-marker");
        Assert.Contains(queue, n => n.EventId == "lv-late-msg" && n.StaffId == "hank");
        Assert.Contains(queue, n => n.EventId == "lv-late" && n.Kind == "welcome");
    }
}
