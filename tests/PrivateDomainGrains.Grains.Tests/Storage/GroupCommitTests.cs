using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Storage;

/// <summary>
/// The group commit on real PostgreSQL: events first, a write with an event the journal refused stores nothing, writes of
/// the same nudge or customer are never in two flushes at once and commit in arrival order, and each column reaches its table as
/// given (nulls, UTF-8 JSON, array literals).
/// </summary>
public sealed class GroupCommitTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private static JournalRow Event(string tenant, string customerId, long seq, string id, IReadOnlyDictionary<string, string>? data = null) =>
        new(tenant, customerId, seq, new CustomerEvent(id, customerId, "message.received", At, "wecom", "alice", "hello", data));

    private static NudgeRow Nudge(string tenant, string customerId, string id) =>
        new(tenant, id, "alice", customerId, null, "reply", "Reply", "Reply to " + customerId, "a message waits", 5, At);

    [Fact]
    public async Task Two_writes_offering_one_event_store_it_once_and_the_other_is_refused_whole_with_that_id_named()
    {
        // Queued together they usually share a flush (the first in the queue wins); in two flushes whichever commits first wins.
        WriteRequest Offer(string customerId) => new()
        {
            Events = [Event("gc-race", customerId, 1, "e-" + customerId), Event("gc-race", customerId, 2, "e-shared")],
            Nudges = [Nudge("gc-race", customerId, "n-" + customerId)],
        };
        var results = await Task.WhenAll(fixture.Writer.WriteAsync(Offer("zhao")), fixture.Writer.WriteAsync(Offer("qian")));

        var winner = results[0].Refused.Count == 0 ? "zhao" : "qian";
        var (won, lost) = winner == "zhao" ? (results[0], results[1]) : (results[1], results[0]);
        Assert.Empty(won.Refused);
        Assert.Equal(["n-" + winner], won.InsertedNudgeIds);
        Assert.Equal(["e-shared"], lost.Refused);
        Assert.Empty(lost.InsertedNudgeIds);
        // The loser's own new event was taken back out with it, and its nudge never stored.
        var journal = await fixture.Journal.FindAsync("gc-race", ["e-shared", "e-zhao", "e-qian"]);
        Assert.Equal(new[] { ("e-" + winner, winner), ("e-shared", winner) }.Order(), journal.Select(r => (r.Event.Id, r.CustomerId)).Order());
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_nudges WHERE tenant = 'gc-race'"));
    }

    [Fact]
    public async Task A_write_without_nudges_acks_closes_or_marks_gets_empty_results_and_one_with_them_gets_its_own()
    {
        var plain = await fixture.Writer.WriteAsync(new WriteRequest { Events = [Event("gc-empty", "sun", 1, "e1")] });
        var raised = await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("gc-empty", "sun", "n1"), Nudge("gc-empty", "sun", "n2")] });
        var again = await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("gc-empty", "sun", "n2"), Nudge("gc-empty", "sun", "n3")] });

        Assert.Equal((0, 0, 0, 0, 0, 0), (plain.InsertedNudgeIds.Count, plain.AcknowledgedCustomers.Count, plain.MovedNudges.Count,
            plain.ClosedNudges.Count, plain.MarkedNudgeIds.Count, plain.Refused.Count));
        Assert.Equal(["n1", "n2"], raised.InsertedNudgeIds.Order());
        Assert.Equal(["n3"], again.InsertedNudgeIds);
    }

    [Fact]
    public async Task A_write_of_a_nudge_a_flush_in_flight_changes_waits_for_the_next_flush_with_every_later_write_of_its_nudges_while_others_pass()
    {
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("gc-keys", "zhao", "n1"), Nudge("gc-keys", "zhao", "n3")] });
        var until = At.AddDays(1);
        NudgeMark Snooze(string nudgeId) => new("gc-keys", "zhao", "alice", nudgeId, NudgeMarkKind.Snoozed, At, until);
        // Another transaction holds n1 (as another node's flush would): the flush snoozing it stays in flight until it ends.
        await using var other = await fixture.DataSource.OpenConnectionAsync();
        await using var hold = await other.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM pdg_nudges WHERE tenant = 'gc-keys' AND nudge_id = 'n1' FOR UPDATE", other, hold))
            await lockRow.ExecuteScalarAsync();

        var snoozeN1 = fixture.Writer.WriteAsync(new WriteRequest { Marks = [Snooze("n1")] });
        var closeBoth = fixture.Writer.WriteAsync(new WriteRequest { Acks = [new("gc-keys", "zhao", "alice", "n1", "done"), new("gc-keys", "zhao", "alice", "n3", "done")] });
        var snoozeN3 = fixture.Writer.WriteAsync(new WriteRequest { Marks = [Snooze("n3")] });
        var unrelated = await fixture.Writer.WriteAsync(new WriteRequest
        {
            Events = [Event("gc-keys", "qian", 1, "e-qian")], Nudges = [Nudge("gc-keys", "qian", "n2")],
        }).WaitAsync(TimeSpan.FromSeconds(30));

        // The unrelated write committed past them; the close of n1 waits queued rather than in a flush on n1's lock, and the
        // snooze of n3 (held by no flush) waits behind that close, the earlier write of n3.
        Assert.Equal(["n2"], unrelated.InsertedNudgeIds);
        Assert.Equal(2, fixture.Writer.Queued);
        Assert.False(snoozeN1.IsCompleted || closeBoth.IsCompleted || snoozeN3.IsCompleted);

        await hold.RollbackAsync();
        var (snoozed, closed, lateSnooze) = (await snoozeN1, await closeBoth, await snoozeN3);
        // In arrival order: n1 snoozed while open, then both closed, then n3's snooze finds it closed.
        Assert.Equal(["n1"], snoozed.MarkedNudgeIds);
        Assert.Equal(["n1", "n3"], closed.AcknowledgedCustomers.Keys.Order());
        Assert.Empty(lateSnooze.MarkedNudgeIds);
        Assert.Equal(until.UtcDateTime, await fixture.ScalarAsync<DateTime>("SELECT snoozed_until FROM pdg_nudges WHERE tenant = 'gc-keys' AND nudge_id = 'n1'"));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_nudges WHERE tenant = 'gc-keys' AND nudge_id = 'n3' AND snoozed_until IS NOT NULL"));
    }

    [Theory]
    [InlineData("done")]
    [InlineData("snooze")]
    public async Task A_staff_members_close_or_snooze_queued_before_a_move_of_its_customers_open_nudges_commits_before_the_move(string action)
    {
        var tenant = "gc-move-" + action;
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge(tenant, "dong", "n-a"), Nudge(tenant, "chen", "n-b")] });
        // Another transaction holds n-a (as another node's flush would): a flush crediting replies to n-a and n-b stays in
        // flight, holding both nudges' keys while n-b's row is still free.
        await using var other = await fixture.DataSource.OpenConnectionAsync();
        await using var hold = await other.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pdg_nudges WHERE tenant = '{tenant}' AND nudge_id = 'n-a' FOR UPDATE", other, hold))
            await lockRow.ExecuteScalarAsync();
        var credited = fixture.Writer.WriteAsync(new WriteRequest
        {
            Credits = [new(tenant, "n-a", "replied", At, null, null), new(tenant, "n-b", "replied", At, null, null)],
        });
        await WaitUntilAsync(() => fixture.Writer.Queued == 0);

        // alice's Done (or snooze) on n-b waits for that flush; then chen's owner changes to bob, a move of chen's open nudges.
        var staffWrite = fixture.Writer.WriteAsync(action == "done"
            ? new WriteRequest { Acks = [new(tenant, "chen", "alice", "n-b", "done")] }
            : new WriteRequest { Marks = [new(tenant, "chen", "alice", "n-b", NudgeMarkKind.Snoozed, At, At.AddDays(1))] });
        var move = fixture.Writer.WriteAsync(new WriteRequest { OpenNudgeMoves = [new NudgeMove(tenant, "chen", "bob")] });
        await WaitUntilAsync(() => fixture.Writer.Queued == 2 || move.IsCompleted);
        Assert.False(move.IsCompleted, "the move committed before the staff member's write queued ahead of it");

        await hold.RollbackAsync();
        var (applied, moved) = (await staffWrite, await move);
        await credited;
        // In arrival order: alice's write applies to her nudge; then the move hands n-b to bob if it is still open.
        Assert.Equal(["n-b"], action == "done" ? applied.AcknowledgedCustomers.Keys : applied.MarkedNudgeIds);
        Assert.Equal(action == "done" ? [] : ["n-b"], moved.MovedNudges.Select(n => n.NudgeId));
    }

    [Fact]
    public async Task A_consoles_delivery_waiting_for_one_nudge_does_not_hold_the_other_customers_events_behind_it()
    {
        const string Tenant = "gc-delivery";
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge(Tenant, "dong", "n-a"), Nudge(Tenant, "chen", "n-c")] });
        await using var other = await fixture.DataSource.OpenConnectionAsync();
        await using var hold = await other.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand($"SELECT 1 FROM pdg_nudges WHERE tenant = '{Tenant}' AND nudge_id = 'n-a' FOR UPDATE", other, hold))
            await lockRow.ExecuteScalarAsync();
        var credited = fixture.Writer.WriteAsync(new WriteRequest { Credits = [new(Tenant, "n-a", "replied", At, null, null)] });
        await WaitUntilAsync(() => fixture.Writer.Queued == 0);

        // alice's console was sent n-a and n-c: the delivery waits for n-a's flush; chen's next event must not wait with it.
        var delivered = fixture.Writer.WriteAsync(new WriteRequest
        {
            Marks = [new(Tenant, "dong", "alice", "n-a", NudgeMarkKind.Delivered, At), new(Tenant, "chen", "alice", "n-c", NudgeMarkKind.Delivered, At)],
        });
        var chensEvent = await fixture.Writer.WriteAsync(new WriteRequest { Events = [Event(Tenant, "chen", 1, "e-chen")] }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(chensEvent.Refused);
        Assert.False(delivered.IsCompleted);
        await hold.RollbackAsync();
        Assert.Equal(["n-a", "n-c"], (await delivered).MarkedNudgeIds.Order());
        await credited;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            if (waited > 30_000) throw new TimeoutException("The group commit's queue never reached the expected state");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Event_data_is_stored_as_the_same_json_and_an_event_without_data_stores_null()
    {
        Dictionary<string, string> data = new() { ["orderId"] = "o-1", ["note"] = "引号\"与\\反斜杠", [EventIdentities.DataPrefix + "phone"] = "+8613800138000" };
        await fixture.Writer.WriteAsync(new WriteRequest { Events = [Event("gc-json", "li", 1, "with-data", data), Event("gc-json", "li", 2, "no-data")] });

        var stored = (await fixture.Journal.FindAsync("gc-json", ["with-data", "no-data"])).ToDictionary(r => r.Event.Id);
        Assert.Equal(data, stored["with-data"].Event.Data);
        Assert.Null(stored["no-data"].Event.Data);
        // The strong identity the event carried went to the index in the same commit.
        Assert.Equal("li", await fixture.ScalarAsync<string>(
            "SELECT customer_id FROM pdg_identities WHERE tenant = 'gc-json' AND kind = 'phone' AND value = '+8613800138000'"));
    }
}
