using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Storage;

/// <summary>
/// Every change one group commit makes to an existing nudge is stored by one UPDATE (one row version per nudge per
/// flush): each change still applies as it did on its own, and each counts once in the execution reports.
/// </summary>
public sealed class NudgeChangesTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static readonly DateTimeOffset RaisedAt = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static NudgeRow Nudge(string tenant, string id) =>
        new(tenant, id, "alice", "zhao", null, "reply", "Reply", "Reply to zhao", "a message waits", 5, RaisedAt)
        {
            Source = "reply-rule", Variant = "a", RaisedDay = DateOnly.FromDateTime(RaisedAt.UtcDateTime),
        };

    private Task<T> NudgeAsync<T>(string tenant, string column) =>
        fixture.ScalarAsync<T>($"SELECT {column} FROM pdg_nudges WHERE tenant = '{tenant}' AND nudge_id = 'n1'");

    /// <summary>A counter of the tenant's execution rollups, folded or not.</summary>
    private Task<decimal> CountedAsync(string tenant, string metric) => fixture.ScalarAsync<decimal>($"""
        SELECT (SELECT coalesce(sum(amount), 0) FROM pdg_execution_deltas WHERE tenant = '{tenant}' AND metric = '{metric}')
             + (SELECT coalesce(sum({metric}), 0) FROM pdg_execution_daily WHERE tenant = '{tenant}')
        """);

    [Fact]
    public async Task A_nudge_delivered_opened_done_and_credited_by_one_flush_stores_each_change_and_counts_each_once()
    {
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("nc1", "n1")] });
        var at = RaisedAt.AddMinutes(3);

        var result = await fixture.Writer.WriteAsync(new WriteRequest
        {
            Marks = [new("nc1", "zhao", "alice", "n1", NudgeMarkKind.Delivered, at), new("nc1", "zhao", "alice", "n1", NudgeMarkKind.Opened, at.AddSeconds(5)),
                new("nc1", "zhao", "alice", "n1", NudgeMarkKind.Delivered, at.AddSeconds(9))],
            Acks = [new("nc1", "zhao", "alice", "n1", "done")],
            Credits = [new("nc1", "n1", "replied", at.AddMinutes(1), null, null)],
            Conversions = [new("nc1", "n1", "ordered", at.AddMinutes(2), 99.5m, "CNY"), new("nc1", "n1", "replied", at.AddMinutes(1), null, null)],
        });

        Assert.Equal("zhao", result.AcknowledgedCustomers["n1"]);
        Assert.Contains("n1", result.MarkedNudgeIds);
        Assert.Equal(at.UtcDateTime, await NudgeAsync<DateTime>("nc1", "delivered_at"));
        Assert.Equal(at.AddSeconds(5).UtcDateTime, await NudgeAsync<DateTime>("nc1", "opened_at"));
        Assert.Equal("done", await NudgeAsync<string>("nc1", "closed_how"));
        Assert.Equal("alice", await NudgeAsync<string>("nc1", "closed_by"));
        Assert.Equal(at.AddMinutes(1).UtcDateTime, await NudgeAsync<DateTime>("nc1", "replied_at"));
        Assert.Equal(99.5m, await NudgeAsync<decimal>("nc1", "itt_order_amount"));
        foreach (var metric in new[] { "raised", "delivered", "opened", "done", "replies", "itt_replies", "itt_orders" })
            Assert.Equal(1m, await CountedAsync("nc1", metric));
        Assert.Equal(0m, await CountedAsync("nc1", "orders"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach_pending WHERE tenant = 'nc1'")
            + await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_execution_reach WHERE tenant = 'nc1'"));
    }

    [Fact]
    public async Task The_staff_members_close_wins_over_the_platforms_in_the_same_flush_and_a_closed_nudge_is_not_snoozed()
    {
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("nc2", "n1")] });

        var result = await fixture.Writer.WriteAsync(new WriteRequest
        {
            Acks = [new("nc2", "zhao", "alice", "n1", "not-useful")],
            Closes = [new("nc2", "n1", "obsolete", RaisedAt.AddHours(1))],
            Marks = [new("nc2", "zhao", "alice", "n1", NudgeMarkKind.Snoozed, RaisedAt, RaisedAt.AddDays(1))],
        });

        Assert.Equal("not-useful", await NudgeAsync<string>("nc2", "closed_how"));
        Assert.Empty(result.ClosedNudges);
        Assert.DoesNotContain("n1", result.MarkedNudgeIds);
        Assert.Equal(1m, await CountedAsync("nc2", "not_useful"));
        Assert.Equal(0m, await CountedAsync("nc2", "obsolete"));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_nudges WHERE tenant = 'nc2' AND snoozed_until IS NOT NULL"));
    }

    [Fact]
    public async Task Another_staff_members_marks_and_close_change_nothing_and_a_second_credit_keeps_the_first()
    {
        await fixture.Writer.WriteAsync(new WriteRequest { Nudges = [Nudge("nc3", "n1")] });
        await fixture.Writer.WriteAsync(new WriteRequest { Credits = [new("nc3", "n1", "ordered", RaisedAt.AddMinutes(1), 10m, "CNY")] });

        var result = await fixture.Writer.WriteAsync(new WriteRequest
        {
            Acks = [new("nc3", "zhao", "bob", "n1", "done")],
            Marks = [new("nc3", "zhao", "bob", "n1", NudgeMarkKind.Delivered, RaisedAt)],
            Credits = [new("nc3", "n1", "ordered", RaisedAt.AddMinutes(2), 20m, "CNY")],
        });

        Assert.Empty(result.AcknowledgedCustomers);
        Assert.Empty(result.MarkedNudgeIds);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("SELECT count(*) FROM pdg_nudges WHERE tenant = 'nc3' AND (acked_at IS NOT NULL OR delivered_at IS NOT NULL)"));
        Assert.Equal(10m, await NudgeAsync<decimal>("nc3", "order_amount"));
        Assert.Equal(1m, await CountedAsync("nc3", "orders"));
        Assert.Equal(10m, await fixture.ScalarAsync<decimal>("""
            SELECT (SELECT coalesce(sum(amount), 0) FROM pdg_execution_deltas WHERE tenant = 'nc3' AND metric = 'revenue')
                 + (SELECT coalesce(sum(attributed), 0) FROM pdg_execution_revenue WHERE tenant = 'nc3')
            """));
    }
}
