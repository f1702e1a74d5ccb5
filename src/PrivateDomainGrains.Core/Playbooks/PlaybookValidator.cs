using System.Text.Json;
using PrivateDomainGrains.Core.Campaigns;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Playbooks;

/// <summary>
/// Checks a playbook and returns every error with its JSON path, so an operator fixes them all in one round.
/// A playbook that validates always compiles and runs: every number, count, duration and string is bounded so that
/// no decision can overflow, and every string can be stored (a property test generates playbooks at the bounds).
/// </summary>
public static class PlaybookValidator
{
    public const int MaxRules = 1000;
    public const int MaxSequences = 100;
    public const int MaxSteps = 50;
    public const int MaxConditions = 20;
    public const int MaxActions = 20;
    /// <summary>
    /// The nudge actions of all rules with the same trigger (<see cref="TriggerKey"/>), together. One event fires every
    /// rule on its trigger, and a decision raises at most <see cref="Engine.Decision.MaxReactiveRaised"/> answers and one
    /// proactive touch: more nudges on one trigger are never raised, yet each costs the decision that plans and judges
    /// it. Checked when a playbook is sent (a PUT, a rollback, a dry run's candidate); one stored beyond it still
    /// compiles and runs, bounded per decision (<see cref="Engine.Decision.MaxCandidates"/>).
    /// </summary>
    public const int MaxNudgesPerTrigger = 20;
    public const int MaxCaps = 20;
    public const int MaxListItems = 50;
    public const int MaxKeywords = 20_000;
    public const int MaxKeywordLength = 64;
    public const int MaxTagLength = TagNames.MaxLength;
    public const int MaxNameLength = 64;
    /// <summary>Templates, descriptions and other free text.</summary>
    public const int MaxTextLength = 2000;
    /// <summary>Day counts (inactivity, dormancy, recency): 10 years, like <see cref="Durations.Max"/>.</summary>
    public const int MaxDays = 3650;
    public const double MaxScore = 1_000_000;
    public const int MaxCapCount = 1000;
    public const int MaxPriority = 100;
    public const int MaxSuperUserOrders = 1_000_000;
    public const int MaxOpenNudgesCap = 1_000_000;
    public const int MaxDismissals = 1000;
    /// <summary>The most proactive touches in a week <c>contactPolicy.restAfterTouches</c> may allow before a customer rests.</summary>
    public const int MaxRestAfterTouches = 50;
    public const decimal MaxCounterValue = 1_000_000_000_000_000m;
    public const int MaxVariants = 10;
    public const double MaxHoldout = 0.9;
    /// <summary>The variant id the held-out customers' decisions are recorded with.</summary>
    public const string HoldoutVariant = "holdout";

    /// <summary>Validates a playbook document as sent: malformed JSON is an error at the path where it breaks.</summary>
    public static IReadOnlyList<PlaybookError> Validate(string json)
    {
        Playbook playbook;
        try
        {
            playbook = PlaybookJson.Parse(json);
        }
        catch (JsonException ex)
        {
            // The reader stops at the first value it cannot read: said at its path, in JSON's terms.
            return [.. JsonValueErrors.Describe(ex, typeof(Playbook), PlaybookJson.Options).Select(e => new PlaybookError(e.Path, e.Problem))];
        }
        return Validate(playbook, sentNow: true);
    }

    /// <param name="sentNow">
    /// True for a playbook being sent (a PUT, a rollback, a dry run's candidate): its text must then also be plain
    /// (<see cref="PlainText"/>: no control or invisible format characters, titles on one line) and its tags as
    /// <see cref="TagNames"/> has them. False for a stored playbook being compiled: one stored before those rules keeps
    /// compiling (a silo would otherwise decide with the built-in default) and meets them when it is sent again.
    /// </param>
    public static IReadOnlyList<PlaybookError> Validate(Playbook p, bool sentNow = false)
    {
        var v = new Errors { SentNow = sentNow };
        PlaybookText.Check(p, MaxTextLength, sentNow, v.Add);
        if (!Ids.IsValid(p.TenantId)) v.Add("$.tenantId", Ids.Describe("tenantId"));
        if (p.Version < 1) v.Add("$.version", PlaybookPhrases.OneOrMore.Say());
        if (!TimeZones.TryFind(p.TimeZone, out _)) v.Add("$.timeZone", PlaybookPhrases.UnknownTimeZone.Say(p.TimeZone));

        var sequences = (p.Sequences ?? []).Where(s => s is not null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var rules = p.Rules ?? [];
        if (rules.Count > MaxRules) v.Add("$.rules", PlaybookPhrases.AtMostRules.Say(MaxRules));
        if ((p.Sequences?.Count ?? 0) > MaxSequences) v.Add("$.sequences", PlaybookPhrases.AtMostSequences.Say(MaxSequences));
        var ruleIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var path = $"$.rules[{i}]";
            if (rules[i] is not { } rule)
            {
                v.Add(path, CommonPhrases.NotNull.Say());
                continue;
            }
            RequireUniqueId(rule.Id, ruleIds, path, PlaybookPhrases.DuplicateRuleId, v);
            ValidateTrigger(rule.Trigger, path + ".trigger", v);
            ValidateConditions(rule.Conditions, path + ".conditions", v);
            ValidateScore(rule.Priority, rule.Value, rule.Lever, path, v);
            var actions = rule.Actions ?? [];
            if (actions.Count == 0) v.Add(path + ".actions", PlaybookPhrases.NeedsAction.Say());
            else if (actions.Count > MaxActions) v.Add(path + ".actions", PlaybookPhrases.AtMostActions.Say(MaxActions));
            for (var a = 0; a < actions.Count; a++) ValidateAction(actions[a], $"{path}.actions[{a}]", sequences, v);
        }
        if (sentNow) ValidateFanOut(rules, v);

        ValidateSequences(p.Sequences ?? [], v);
        ValidateKeywords(p.Keywords ?? [], v);
        ValidateTiers(p.Tiers, v);
        ValidateContactPolicy(p.ContactPolicy, v);
        if (p.Ownership?.FallbackOwner is { } fallback && !Ids.IsValid(fallback)) v.Add("$.ownership.fallbackOwner", PlaybookPhrases.StaffId.Say());
        return v.List;
    }

    /// <summary>
    /// Each rule whose nudges take its trigger's past <see cref="MaxNudgesPerTrigger"/> is refused at its
    /// <c>actions</c>, so the operator sees which rules to merge or move to another trigger.
    /// </summary>
    private static void ValidateFanOut(List<RuleSpec> rules, Errors v)
    {
        var nudges = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i] is not { Trigger: { } trigger, Actions: { } actions }) continue;
            var own = actions.Count(a => a?.Kind == ActionKinds.Nudge);
            if (own == 0) continue;
            var key = TriggerKey(trigger);
            var total = nudges[key] = nudges.GetValueOrDefault(key) + own;
            if (total > MaxNudgesPerTrigger)
                v.Add($"$.rules[{i}].actions", PlaybookPhrases.FanOut.Say(MaxNudgesPerTrigger, own, total));
        }
    }

    /// <summary>
    /// What fires rules together: the same kind with the same event, tag, tier, field, delay, anchor, days and time
    /// (every rule on <c>event order.paid</c> fires on each <c>order.paid</c>).
    /// </summary>
    private static string TriggerKey(TriggerSpec t) => string.Join('\u001f', t.Kind, t.Event, t.Tag, t.Tier, t.Field, t.Delay, t.Anchor, t.Days, t.At);

    private static void ValidateTrigger(TriggerSpec? t, string path, Errors v)
    {
        if (t is null)
        {
            v.Add(path, PlaybookPhrases.NeedsTrigger.Say());
            return;
        }
        switch (t.Kind)
        {
            case TriggerKinds.Event:
                RequireEventType(t.Event, path + ".event", v);
                break;
            case TriggerKinds.TagAdded or TriggerKinds.TagRemoved:
                RequireTag(t.Tag, path + ".tag", v);
                break;
            case TriggerKinds.TierChanged:
                if (t.Tier is not null && !Enum.TryParse<CustomerTier>(t.Tier, ignoreCase: false, out _))
                    v.Add(path + ".tier", PlaybookPhrases.UnknownTierOf.Say(t.Tier, WordedList.Each(Enum.GetNames<CustomerTier>())));
                break;
            case TriggerKinds.After:
                RequireEventType(t.Event, path + ".event", v);
                if (!Durations.TryParse(t.Delay, out _)) v.Add(path + ".delay", CommonPhrases.Duration.Say());
                if (t.Anchor is not (null or "first" or "latest")) v.Add(path + ".anchor", CommonPhrases.EitherOf.Say("first", "latest"));
                if (t.Unless is not null) RequireEventType(t.Unless, path + ".unless", v);
                break;
            case TriggerKinds.Inactive:
                if (t.Days is not (>= 1 and <= MaxDays)) v.Add(path + ".days", CommonPhrases.Between.Say(1, MaxDays));
                break;
            case TriggerKinds.Annual:
                if (string.IsNullOrEmpty(t.Field)) v.Add(path + ".field", PlaybookPhrases.NamesDateField.Say());
                if (!LocalTimes.TryParse(t.At, out _)) v.Add(path + ".at", PlaybookPhrases.LocalTime.Say());
                break;
            default:
                v.Add(path + ".kind", PlaybookPhrases.UnknownTriggerKind.Say(t.Kind, WordedList.Each(TriggerKinds.All)));
                break;
        }
    }

    private static void ValidateConditions(List<ConditionSpec>? conditions, string path, Errors v)
    {
        conditions ??= [];
        if (conditions.Count > MaxConditions) v.Add(path, PlaybookPhrases.AtMostConditions.Say(MaxConditions));
        for (var i = 0; i < conditions.Count; i++)
        {
            var cp = $"{path}[{i}]";
            if (conditions[i] is not { } c)
            {
                v.Add(cp, CommonPhrases.NotNull.Say());
                continue;
            }
            switch (c.Kind)
            {
                case ConditionKinds.Tags:
                    if (c.All is null && c.Any is null && c.None is null) v.Add(cp, PlaybookPhrases.TagListNeeded.Say());
                    foreach (var (list, name) in new[] { (c.All, "all"), (c.Any, "any"), (c.None, "none") })
                        if (list?.Count > MaxListItems) v.Add($"{cp}.{name}", PlaybookPhrases.AtMostTags.Say(MaxListItems));
                    foreach (var (list, name) in new[] { (c.All, "all"), (c.Any, "any"), (c.None, "none") })
                        for (var t = 0; t < (list?.Count ?? 0); t++) RequireTag(list![t], $"{cp}.{name}[{t}]", v);
                    break;
                case ConditionKinds.Tier:
                    if (c.In is not { Count: > 0 and <= MaxListItems }) v.Add(cp + ".in", PlaybookPhrases.TierList.Say(MaxListItems));
                    for (var t = 0; t < (c.In?.Count ?? 0); t++)
                        if (!Enum.TryParse<CustomerTier>(c.In![t], ignoreCase: false, out _)) v.Add($"{cp}.in[{t}]", PlaybookPhrases.UnknownTier.Say(c.In[t]));
                    break;
                case ConditionKinds.Counter:
                    if (c.Counter is null || !CounterNames.All.Contains(c.Counter))
                        v.Add(cp + ".counter", CommonPhrases.OneOf.Say(WordedList.Each(CounterNames.All)));
                    RequireOp(c.Op, cp, v);
                    if (c.Value is null) v.Add(cp + ".value", PlaybookPhrases.NumberRequired.Say());
                    else if (Math.Abs(c.Value.Value) > MaxCounterValue) v.Add(cp + ".value", PlaybookPhrases.CounterBounds.Say(MaxCounterValue));
                    break;
                case ConditionKinds.SinceLastInteraction or ConditionKinds.SinceLastContact or ConditionKinds.SinceLastOrder:
                    RequireOp(c.Op, cp, v);
                    if (!Durations.TryParse(c.Duration, out _)) v.Add(cp + ".duration", CommonPhrases.Duration.Say());
                    break;
                case ConditionKinds.Channel:
                    if (c.In is not { Count: > 0 and <= MaxListItems } || c.In.Any(ch => !IsName(ch)))
                        v.Add(cp + ".in", PlaybookPhrases.ChannelList.Say(MaxListItems, MaxNameLength));
                    break;
                case ConditionKinds.Field:
                    RequireFieldName(c.Field, cp + ".field", v);
                    if ((c.EqualTo is null) == (c.Exists is null)) v.Add(cp, PlaybookPhrases.EqualsOrExists.Say());
                    break;
                default:
                    v.Add(cp + ".kind", PlaybookPhrases.UnknownConditionKind.Say(c.Kind, WordedList.Each(ConditionKinds.All)));
                    break;
            }
        }
    }

    private static void ValidateAction(ActionSpec? a, string path, HashSet<string> sequences, Errors v)
    {
        if (a is null)
        {
            v.Add(path, CommonPhrases.NotNull.Say());
            return;
        }
        switch (a.Kind)
        {
            case ActionKinds.Nudge:
                ValidateNudge(a, path, v);
                break;
            case ActionKinds.AddTag or ActionKinds.RemoveTag:
                RequireTag(a.Tag, path + ".tag", v);
                break;
            case ActionKinds.SetField:
                RequireFieldName(a.Field, path + ".field", v);
                RequireTemplate(a.Value ?? "", path + ".value", v);
                break;
            case ActionKinds.StartSequence or ActionKinds.StopSequence:
                if (a.Sequence is null || !sequences.Contains(a.Sequence))
                    v.Add(path + ".sequence", PlaybookPhrases.UnknownSequence.Say(a.Sequence));
                break;
            default:
                v.Add(path + ".kind", PlaybookPhrases.UnknownActionKind.Say(a.Kind, WordedList.Each(ActionKinds.All)));
                break;
        }
    }

    private static void ValidateNudge(ActionSpec a, string path, Errors v)
    {
        if (!Ids.IsValid(a.NudgeKind)) v.Add(path + ".nudgeKind", Ids.Describe("nudgeKind"));
        // A campaign's nudges skip the customer's rest and active-hour wait: a rule may not pass for one.
        else if (a.NudgeKind == CampaignNudges.Kind) v.Add(path + ".nudgeKind", PlaybookPhrases.ReservedNudgeKind.Say(CampaignNudges.Kind));
        if (string.IsNullOrWhiteSpace(a.Title)) v.Add(path + ".title", PlaybookPhrases.NeedsTitle.Say());
        else RequireLine(a.Title, path + ".title", v);
        if (string.IsNullOrWhiteSpace(a.Script)) v.Add(path + ".script", PlaybookPhrases.NeedsScript.Say());
        else RequireTemplate(a.Script, path + ".script", v);
        if (a.Suggested is not null) RequireTemplate(a.Suggested, path + ".suggested", v);
        if (a.Reason is not null) RequireTemplate(a.Reason, path + ".reason", v);
        if (a.Channel is not null && !IsName(a.Channel)) v.Add(path + ".channel", PlaybookPhrases.NudgeChannel.Say(MaxNameLength));
        else if (v.SentNow && PlainText.Problem(a.Channel) is { } notPlain) v.Add(path + ".channel", notPlain);
        if (a.To is not (null or NudgeAddressees.Owner or NudgeAddressees.Staff)) v.Add(path + ".to", CommonPhrases.EitherOf.Say(NudgeAddressees.Owner, NudgeAddressees.Staff));
        if (a.DoneOn is { Count: > MaxListItems }) v.Add(path + ".doneOn", PlaybookPhrases.AtMostEventTypes.Say(MaxListItems));
        for (var i = 0; i < (a.DoneOn?.Count ?? 0); i++) RequireEventType(a.DoneOn![i], $"{path}.doneOn[{i}]", v);
        if (a.Holdout is not null && !(a.Holdout >= 0 && a.Holdout <= MaxHoldout)) v.Add(path + ".holdout", PlaybookPhrases.Share.Say(MaxHoldout));
        var variants = a.Variants ?? [];
        if (variants.Count > MaxVariants) v.Add(path + ".variants", PlaybookPhrases.AtMostVariants.Say(MaxVariants));
        var variantIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variants.Count; i++)
        {
            var vp = $"{path}.variants[{i}]";
            if (variants[i] is not { } variant)
            {
                v.Add(vp, CommonPhrases.NotNull.Say());
                continue;
            }
            RequireUniqueId(variant.Id, variantIds, vp, PlaybookPhrases.DuplicateVariantId, v);
            if (variant.Id == HoldoutVariant) v.Add(vp + ".id", PlaybookPhrases.HoldoutId.Say(HoldoutVariant));
            if (!(variant.Weight > 0 && variant.Weight <= MaxScore)) v.Add(vp + ".weight", PlaybookPhrases.PositiveUpTo.Say(MaxScore));
            if (variant.Title is not null) RequireLine(variant.Title, vp + ".title", v);
            if (variant.Script is not null) RequireTemplate(variant.Script, vp + ".script", v);
            if (variant.Suggested is not null) RequireTemplate(variant.Suggested, vp + ".suggested", v);
        }
        if (a.ExpiresAfter is not null && (!Durations.TryParse(a.ExpiresAfter, out var expiry) || expiry <= TimeSpan.Zero))
            v.Add(path + ".expiresAfter", CommonPhrases.PositiveDuration.Say());
    }

    private static void ValidateScore(int priority, double value, double lever, string path, Errors v)
    {
        if (priority is < 0 or > MaxPriority) v.Add(path + ".priority", CommonPhrases.Between.Say(0, MaxPriority));
        if (!(value > 0 && value <= MaxScore)) v.Add(path + ".value", PlaybookPhrases.PositiveUpTo.Say(MaxScore));
        if (!(lever >= 0 && lever <= MaxScore)) v.Add(path + ".lever", PlaybookPhrases.Lever.Say(MaxScore));
    }

    private static void ValidateSequences(List<SequenceSpec> sequences, Errors v)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequences.Count; i++)
        {
            var path = $"$.sequences[{i}]";
            if (sequences[i] is not { } s)
            {
                v.Add(path, CommonPhrases.NotNull.Say());
                continue;
            }
            RequireUniqueId(s.Id, ids, path, PlaybookPhrases.DuplicateSequenceId, v);
            var exitOn = s.ExitOn ?? [];
            for (var e = 0; e < exitOn.Count; e++) RequireEventType(exitOn[e], $"{path}.exitOn[{e}]", v);
            var steps = s.Steps ?? [];
            if (steps.Count == 0) v.Add(path + ".steps", PlaybookPhrases.NeedsStep.Say());
            else if (steps.Count > MaxSteps) v.Add(path + ".steps", PlaybookPhrases.AtMostSteps.Say(MaxSteps));
            if (exitOn.Count > MaxListItems) v.Add(path + ".exitOn", PlaybookPhrases.AtMostEventTypes.Say(MaxListItems));
            var stepIds = new HashSet<string>(StringComparer.Ordinal);
            var previous = TimeSpan.Zero;
            for (var k = 0; k < steps.Count; k++)
            {
                var sp = $"{path}.steps[{k}]";
                if (steps[k] is not { } step)
                {
                    v.Add(sp, CommonPhrases.NotNull.Say());
                    continue;
                }
                RequireUniqueId(step.Id, stepIds, sp, PlaybookPhrases.DuplicateStepId, v);
                if (!Durations.TryParse(step.Delay, out var delay)) v.Add(sp + ".delay", CommonPhrases.Duration.Say());
                else if (delay < previous) v.Add(sp + ".delay", PlaybookPhrases.StepsForward.Say());
                else previous = delay;
                ValidateConditions(step.SkipIf, sp + ".skipIf", v);
                if (step.Nudge is null) v.Add(sp + ".nudge", PlaybookPhrases.NeedsStepNudge.Say());
                else if (step.Nudge.Kind != ActionKinds.Nudge) v.Add(sp + ".nudge.kind", CommonPhrases.JsonMustBe.Say("'nudge'"));
                else ValidateNudge(step.Nudge, sp + ".nudge", v);
                ValidateScore(step.Priority, step.Value, step.Lever, sp, v);
            }
        }
    }

    private static void ValidateKeywords(List<KeywordSpec> keywords, Errors v)
    {
        if (keywords.Count > MaxKeywords) v.Add("$.keywords", PlaybookPhrases.AtMostKeywords.Say(MaxKeywords));
        for (var i = 0; i < keywords.Count; i++)
        {
            var path = $"$.keywords[{i}]";
            if (keywords[i] is not { } k)
            {
                v.Add(path, CommonPhrases.NotNull.Say());
                continue;
            }
            if (string.IsNullOrWhiteSpace(k.Keyword) || !TextElements.Fit(k.Keyword.Trim(), MaxKeywordLength))
                v.Add(path + ".keyword", PlaybookPhrases.Keyword.Say(MaxKeywordLength));
            RequireTag(k.Tag, path + ".tag", v);
        }
    }

    private static void ValidateTiers(TierSpec? t, Errors v)
    {
        if (t is null) return;
        if (t.DormantAfterDays is < 1 or > MaxDays) v.Add("$.tiers.dormantAfterDays", CommonPhrases.Between.Say(1, MaxDays));
        if (t.SuperUser is not { } s) return;
        if (s.MinOrders is null && s.MinSpend is null && s.MaxDaysSinceOrder is null)
            v.Add("$.tiers.superUser", PlaybookPhrases.SuperUserNeeds.Say());
        if (s.MinOrders is < 1 or > MaxSuperUserOrders) v.Add("$.tiers.superUser.minOrders", CommonPhrases.Between.Say(1, MaxSuperUserOrders));
        if (s.MinSpend is < 0 or > MaxCounterValue) v.Add("$.tiers.superUser.minSpend", CommonPhrases.Between.Say(0, MaxCounterValue));
        if (s.MaxDaysSinceOrder is < 1 or > MaxDays) v.Add("$.tiers.superUser.maxDaysSinceOrder", CommonPhrases.Between.Say(1, MaxDays));
    }

    private static void ValidateContactPolicy(ContactPolicySpec? c, Errors v)
    {
        if (c is null) return;
        var caps = c.Caps ?? [];
        for (var i = 0; i < caps.Count; i++)
        {
            var path = $"$.contactPolicy.caps[{i}]";
            if (caps[i] is not { } cap)
            {
                v.Add(path, CommonPhrases.NotNull.Say());
                continue;
            }
            if (cap.Max is < 0 or > MaxCapCount) v.Add(path + ".max", CommonPhrases.Between.Say(0, MaxCapCount));
            if (!Durations.TryParse(cap.Window, out var w) || w <= TimeSpan.Zero) v.Add(path + ".window", CommonPhrases.Duration.Say());
            if (cap.Channel is "") v.Add(path + ".channel", PlaybookPhrases.AllChannels.Say());
            else if (cap.Channel is not null && !IsName(cap.Channel)) v.Add(path + ".channel", CommonPhrases.AtMostCharacters.Say(MaxNameLength));
        }
        if (c.QuietHours is { } q)
        {
            var startOk = LocalTimes.TryParse(q.Start, out var start);
            var endOk = LocalTimes.TryParse(q.End, out var end);
            if (!startOk) v.Add("$.contactPolicy.quietHours.start", PlaybookPhrases.LocalTime.Say());
            if (!endOk) v.Add("$.contactPolicy.quietHours.end", PlaybookPhrases.LocalTime.Say());
            if (startOk && endOk && start == end) v.Add("$.contactPolicy.quietHours", PlaybookPhrases.QuietHoursDiffer.Say());
        }
        if (caps.Count > MaxCaps) v.Add("$.contactPolicy.caps", PlaybookPhrases.AtMostCaps.Say(MaxCaps));
        if (c.SuppressAfterDismissals is < 1 or > MaxDismissals) v.Add("$.contactPolicy.suppressAfterDismissals", CommonPhrases.Between.Say(1, MaxDismissals));
        if (c.RestAfterTouches is < 0 or > MaxRestAfterTouches) v.Add("$.contactPolicy.restAfterTouches", PlaybookPhrases.RestAfterTouches.Say(MaxRestAfterTouches));
        if (c.MaxOpenNudgesPerStaff is < 1 or > MaxOpenNudgesCap) v.Add("$.contactPolicy.maxOpenNudgesPerStaff", CommonPhrases.Between.Say(1, MaxOpenNudgesCap));
        foreach (var (value, name) in new[] { (c.RetryAfter, "retryAfter"), (c.AttributionWindow, "attributionWindow"), (c.BestTimeHalfLife, "bestTimeHalfLife"), (c.MaxLateness, "maxLateness"), (c.NudgeExpiry, "nudgeExpiry"), (c.BackfillAfter, "backfillAfter") })
            if (!Durations.TryParse(value, out var d) || d <= TimeSpan.Zero) v.Add("$.contactPolicy." + name, CommonPhrases.PositiveDuration.Say());
    }

    /// <summary>An <see cref="Ids"/>-valid id not used before in <paramref name="seen"/> (rules, sequences, a sequence's steps).</summary>
    private static void RequireUniqueId(string? id, HashSet<string> seen, string path, Phrase duplicate, Errors v)
    {
        if (!Ids.IsValid(id)) v.Add(path + ".id", Ids.Describe("id"));
        else if (!seen.Add(id!)) v.Add(path + ".id", duplicate.Say(id));
    }

    private static void RequireFieldName(string? field, string path, Errors v)
    {
        if (!IsName(field)) v.Add(path, PlaybookPhrases.FieldName.Say(MaxNameLength));
    }

    /// <summary>A channel or field name: 1 to <see cref="MaxNameLength"/> characters as a person counts them (<see cref="TextElements"/>).</summary>
    private static bool IsName(string? name) => name is { Length: > 0 } && TextElements.Fit(name, MaxNameLength);

    private static void RequireEventType(string? type, string path, Errors v)
    {
        if (!EventTypes.IsValid(type)) v.Add(path, PlaybookPhrases.UnknownEventType.Say(type));
    }

    private static void RequireTag(string? tag, string path, Errors v)
    {
        if (v.SentNow ? TagNames.Normalize(tag) is null : string.IsNullOrWhiteSpace(tag) || !TextElements.Fit(tag, MaxTagLength) || PlainText.HasControlCharacters(tag))
            v.Add(path, PlaybookPhrases.TagIs.Say());
    }

    private static void RequireOp(string? op, string path, Errors v)
    {
        if (op is null || !Comparisons.All.Contains(op)) v.Add(path + ".op", CommonPhrases.OneOf.Say(WordedList.Each(Comparisons.All)));
    }

    /// <summary>A template of one line (a title): no line breaks or tabs either (<see cref="PlainText"/>).</summary>
    private static void RequireLine(string text, string path, Errors v)
    {
        if (v.SentNow && StorableText.IsStorable(text) && PlainText.Problem(text, multiline: true) is null && PlainText.Problem(text) is { } notOneLine)
            v.Add(path, PlaybookPhrases.TitleOneLine.Say(notOneLine));
        RequireTemplate(text, path, v);
    }

    private static void RequireTemplate(string text, string path, Errors v)
    {
        var errors = new List<string>();
        Template.Parse(text, errors);
        foreach (var e in errors) v.Add(path, e);
    }

    private sealed class Errors
    {
        public bool SentNow { get; init; }

        public List<PlaybookError> List { get; } = [];
        public void Add(string path, string message) => List.Add(new PlaybookError(path, message));
    }
}
