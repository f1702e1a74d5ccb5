using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using static PrivateDomainGrains.Core.Tests.Fixture;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary><see cref="Arbitration.Judge"/> on planned nudges: the policy verdicts and the one proactive touch per decision.</summary>
public sealed class ArbitrationTests
{
    private static PlannedNudge Planned(string source, bool proactive, double value = 1, string? channel = "wecom") =>
        new("n-" + source, source, "Title", "Text", null, "reason", 50, source, "event page.viewed", channel, proactive, value, 1);

    [Fact]
    public void Reactive_nudges_are_all_raised_and_only_the_best_proactive_one_touches_the_customer()
    {
        var c = Customer();
        var (judged, chosen) = Arbitration.Judge(
            [Planned("answer", proactive: false), Planned("offer-low", proactive: true), Planned("offer-high", proactive: true, value: 3)],
            CompiledPlaybook.Compile(Playbook()), c, new DecisionContext(T0), TimeZoneInfo.Utc);

        Assert.Equal("offer-high", chosen!.Nudge.Source);
        Assert.Equal(["offer-high", "answer", "offer-low"], judged.Select(j => j.Nudge.Source));
        Assert.Equal([Verdict.Raised, Verdict.Raised, Verdict.Held], judged.Select(j => j.Verdict));
        Assert.Equal(T0, Assert.Single(c.Engine.Touches!).At);
        Assert.Equal("n-offer-low", Assert.Single(c.Engine.Held!).Nudge.Id);
    }

    [Fact]
    public void Each_proactive_nudge_that_loses_arbitration_costs_one_candidate_one_held_nudge_and_one_slot_of_the_verdicts()
    {
        // Before: every contender was a raised candidate first and a held one after, in a list made per judgement.
        var playbook = CompiledPlaybook.Compile(Playbook());
        var n = Planned("x", proactive: true);
        var candidate = Allocated(() => new Candidate(n, default, Verdict.Held, "p", T0));
        var held = Allocated(() => new HeldNudge(n, T0, "p"));

        var extra = Judging(16, playbook) - Judging(8, playbook);

        Assert.Equal(8 * (candidate + held + IntPtr.Size), extra);
    }

    [Fact]
    public void Nudges_stopped_by_the_same_cap_or_the_same_dismissals_share_one_worded_policy()
    {
        var playbook = Playbook();
        (playbook.ContactPolicy.MaxOpenNudgesPerStaff, playbook.ContactPolicy.SuppressAfterDismissals) = (3, 2);
        var c = Customer();
        c.Engine.Dismissals = new(StringComparer.Ordinal) { ["tired-a"] = 2, ["tired-b"] = 2 };

        var (judged, _) = Arbitration.Judge(
            [Planned("offer-a", proactive: true), Planned("offer-b", proactive: true), Planned("tired-a", proactive: true), Planned("tired-b", proactive: true)],
            CompiledPlaybook.Compile(playbook), c, new DecisionContext(T0) { OwnerOpenNudges = 3 }, TimeZoneInfo.Utc);

        var policy = judged.ToDictionary(j => j.Nudge.Source, j => j.Policy);
        Assert.Equal(("staff cap 3 open nudges", "dismissed 2 times"), (policy["offer-a"], policy["tired-a"]));
        // One text each, worded once per judgement rather than once per nudge it stops.
        Assert.Same(policy["offer-a"], policy["offer-b"]);
        Assert.Same(policy["tired-a"], policy["tired-b"]);
    }

    /// <summary>What judging <paramref name="count"/> proactive nudges allocates, its customer's lists sized beforehand.</summary>
    private static long Judging(int count, CompiledPlaybook playbook)
    {
        // The same winner each time, so the policy naming it reads the same.
        var nudges = Enumerable.Range(0, count).Select(i => i == 0 ? Planned("best", proactive: true, value: 9) : Planned("offer-" + i, proactive: true)).ToList();
        return Allocated(() =>
        {
            var c = Customer();
            (c.Engine.Held, c.Engine.Touches, c.Engine.RecentNudges) = (new(32), new(4), new(4));
            return c;
        }, c => Arbitration.Judge(nudges, playbook, c, new DecisionContext(T0), TimeZoneInfo.Utc));
    }

    /// <summary>What <paramref name="make"/> allocates on this thread, its code compiled by a first call.</summary>
    private static long Allocated(Func<object> make)
    {
        make();
        var before = GC.GetAllocatedBytesForCurrentThread();
        make();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>What <paramref name="act"/> allocates on this thread on a subject made before, its code compiled by a first run.</summary>
    private static long Allocated<T>(Func<T> make, Action<T> act)
    {
        act(make());
        var subject = make();
        var before = GC.GetAllocatedBytesForCurrentThread();
        act(subject);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void A_customer_without_an_owner_gets_answers_for_the_unassigned_queue_but_no_outreach()
    {
        var c = Customer();
        c.OwnerStaffId = null;
        var (judged, chosen) = Arbitration.Judge([Planned("answer", proactive: false), Planned("offer", proactive: true)],
            CompiledPlaybook.Compile(Playbook()), c, new DecisionContext(T0), TimeZoneInfo.Utc);

        Assert.Equal("answer", chosen?.Nudge.Source);
        Assert.Equal((Verdict.Suppressed, "no owner"), judged.Single(j => j.Nudge.Source == "offer") is var offer ? (offer.Verdict, offer.Policy) : default);
        Assert.Null(c.Engine.Touches);
    }

    [Fact]
    public void A_nudge_that_would_already_be_closed_is_not_raised()
    {
        var c = Customer();
        var (judged, chosen) = Arbitration.Judge([Planned("answer", proactive: false)], CompiledPlaybook.Compile(Playbook()), c,
            new DecisionContext(T0), TimeZoneInfo.Utc, _ => "already done-by-action: message.sent at 2026-01-01");

        Assert.Null(chosen);
        Assert.Equal((Verdict.Suppressed, "already done-by-action: message.sent at 2026-01-01"), (judged[0].Verdict, judged[0].Policy));
        Assert.Null(c.Engine.RecentNudges);
    }
}
