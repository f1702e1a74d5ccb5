using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Playbooks;
using static PrivateDomainGrains.Core.Tests.Fixture;

namespace PrivateDomainGrains.Core.Tests.Engine;

/// <summary>
/// What one event may cost is bounded whatever the playbook: an explanation lists the best scored alternatives and
/// counts the rest, a decision raises a bounded number of answers and plans a bounded number of nudges (a playbook
/// stored before the per-trigger bound still compiles and runs), and a rendered text is no longer than a template may be.
/// </summary>
public sealed class DecisionBoundsTests
{
    /// <summary>
    /// <paramref name="rules"/> rules on <c>page.viewed</c>, each with <paramref name="actions"/> nudges; the earlier
    /// the rule, the higher its value (so the best scored are the first).
    /// </summary>
    private static Playbook FanOut(int rules, int actions, bool proactive)
    {
        var p = Playbook([.. Enumerable.Range(0, rules).Select(r =>
            Rule($"r{r:D4}", OnEvent(EventTypes.PageViewed), [.. Enumerable.Range(0, actions).Select(a => Nudge($"k{a}", proactive))]))]);
        for (var r = 0; r < rules; r++) p.Rules[r].Value = 1000 - r;
        return p;
    }

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void An_explanation_lists_the_best_scored_alternatives_and_counts_the_rest()
    {
        var few = Send(CompiledPlaybook.Compile(FanOut(3, 1, proactive: true)), Customer(), Event(EventTypes.PageViewed, T0, id: "e-few"));
        Assert.Equal(3, Lines(few.Explain(few.Chosen!)).Length);

        string Explained(int rules)
        {
            var d = Send(CompiledPlaybook.Compile(FanOut(rules, 1, proactive: true)), Customer(), Event(EventTypes.PageViewed, T0, id: "e"));
            return d.Explain(d.Chosen!);
        }
        var twelve = Lines(Explained(12));
        var sixty = Lines(Explained(60));

        Assert.Equal(Decision.MaxAlternativesExplained + 2, twelve.Length);
        Assert.Equal("and 1 more", twelve[^1]);
        Assert.Equal("and 49 more", sixty[^1]);
        // The same chosen nudge and the same best alternatives, whatever the number of rules beyond them.
        Assert.Equal(twelve[..^1], sixty[..^1]);
        Assert.StartsWith("vs r0001 ", twelve[1]);
    }

    [Fact]
    public void A_decision_raises_at_most_the_bounded_number_of_answers_in_the_order_planned()
    {
        // Two rules of twenty answers on one trigger: beyond what a playbook sent now may have, as one stored before.
        var p = FanOut(2, PlaybookValidator.MaxActions, proactive: false);
        Assert.Empty(PlaybookValidator.Validate(p));
        Assert.NotEmpty(PlaybookValidator.Validate(p, sentNow: true));

        var d = Send(CompiledPlaybook.Compile(p), Customer(), Event(EventTypes.PageViewed, T0));

        Assert.Equal(2 * PlaybookValidator.MaxActions, d.Candidates.Count);
        Assert.Equal(Decision.MaxReactiveRaised, d.Raised.Count());
        Assert.All(d.Raised, c => Assert.Equal("r0000", c.Nudge.Source));
        Assert.All(d.Candidates.Where(c => c.Verdict != Verdict.Raised), c =>
            Assert.Equal((Verdict.Suppressed, $"at most {Decision.MaxReactiveRaised} answers raised per decision"), (c.Verdict, c.Policy)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_stored_playbook_far_beyond_the_trigger_bound_plans_a_bounded_number_of_nudges_and_still_runs_its_other_actions(bool proactive)
    {
        // 2,000 nudges on one trigger; the rule after them adds a tag.
        var p = FanOut(100, PlaybookValidator.MaxActions, proactive);
        p.Rules.Add(Rule("last", OnEvent(EventTypes.PageViewed), Nudge("late"), new ActionSpec { Kind = ActionKinds.AddTag, Tag = "seen" }));
        var c = Customer();

        var d = Send(CompiledPlaybook.Compile(p), c, Event(EventTypes.PageViewed, T0));

        Assert.Equal(Decision.MaxCandidates, d.Candidates.Count);
        Assert.InRange(d.Raised.Count(), 1, Decision.MaxReactiveRaised);
        Assert.All(d.Raised, r => Assert.InRange(Lines(d.Explain(r)).Length, 1, Decision.MaxAlternativesExplained + 2));
        Assert.Contains("seen", c.Tags);
        Assert.DoesNotContain(d.Candidates, x => x.Nudge.Source == "last");
    }

    [Fact]
    public void A_rendered_text_is_cut_to_what_a_template_may_be_with_an_ellipsis()
    {
        var repeated = string.Concat(Enumerable.Repeat("{lastMessage}", 60));
        var p = CompiledPlaybook.Compile(Playbook(Rule("echo", OnEvent(EventTypes.MessageReceived),
            Nudge("echo", proactive: false, title: repeated, script: "{data.note}{data.note}"))));
        var e = Event(EventTypes.MessageReceived, T0, text: new string('话', 500),
            data: new Dictionary<string, string> { ["note"] = new string('x', 1500) });

        var nudge = Send(p, Customer(), e).Chosen!.Nudge;

        Assert.Equal(Template.MaxRenderedLength, nudge.Title.Length);
        Assert.EndsWith("…", nudge.Title);
        Assert.Equal(Template.MaxRenderedLength, nudge.Text.Length);
        Assert.Equal(new string('x', Template.MaxRenderedLength - 1) + "…", nudge.Text);
    }

    [Fact]
    public void A_rendered_text_within_the_bound_is_left_whole()
    {
        var template = Template.Parse("{name}: {data.note}", []);
        var e = Event(EventTypes.PageViewed, T0, data: new Dictionary<string, string> { ["note"] = new string('x', Template.MaxRenderedLength - 5) });

        Assert.Equal("Lin: " + new string('x', Template.MaxRenderedLength - 5), template.Render(Customer(), e));
    }

    [Fact]
    public void A_customer_holds_a_bounded_number_of_nudges_waiting_for_a_contact_slot_the_longest_held_going_first()
    {
        var p = CompiledPlaybook.Compile(FanOut(PlaybookValidator.MaxActions, 1, proactive: true));
        var c = Customer();

        Send(p, c, Event(EventTypes.PageViewed, T0, id: "e1"));
        Assert.Equal(PlaybookValidator.MaxActions - 1, c.Engine.Held!.Count);
        var firstHeld = c.Engine.Held.Select(h => h.Nudge.Id).ToList();
        Send(p, c, Event(EventTypes.PageViewed, T0.AddMinutes(1), id: "e2"));

        Assert.Equal(EngineState.HeldNudgeLimit, c.Engine.Held.Count);
        Assert.DoesNotContain(c.Engine.Held, h => h.Nudge.Id == firstHeld[0]);
    }
}
