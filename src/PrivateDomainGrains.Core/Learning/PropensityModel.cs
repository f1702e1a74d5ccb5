using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core.Learning;

/// <summary>
/// A tenant's learned propensity of each action (rule or SOP step) to succeed (the customer replies or orders because
/// of a nudge for it, see <see cref="NudgeOutcomes"/>), overall and per segment (tier):
/// Beta(alpha, beta) posteriors updated by nudge outcomes. A segment with little data borrows strength from the
/// tenant-wide arm (its prior is the tenant mean, worth <see cref="SegmentPriorWeight"/> observations).
/// Decisions sample from the posterior (Thompson sampling) so untried actions still get explored.
/// Pure and serializable: the tenant grain owns it and hands customer grains a snapshot.
/// </summary>
public sealed class PropensityModel
{
    public const string AllSegments = "*";
    public const double SegmentPriorWeight = 4;

    [JsonPropertyName("version")] public long Version { get; set; }
    [JsonPropertyName("arms")] public Dictionary<string, BetaArm> Arms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// One trial of the action in the segment (and tenant-wide): a success or failure by <see cref="NudgeOutcomes.IsSuccess"/>.
    /// An outcome that teaches nothing (<see cref="NudgeOutcome.Acted"/>, from a node that predates the rule) changes nothing.
    /// </summary>
    public void Record(string action, string segment, NudgeOutcome outcome)
    {
        if (!outcome.Teaches()) return;
        var success = outcome.IsSuccess();
        Arm(action, AllSegments).Observe(success);
        if (segment != AllSegments) Arm(action, segment).Observe(success);
        Version++;
    }

    public void Record(LearningSignal signal) => Record(signal.Action, signal.Segment, signal.Outcome);

    /// <summary>The posterior mean for the action in the segment.</summary>
    public double Mean(string action, string segment)
    {
        var (a, b) = Posterior(action, segment);
        return a / (a + b);
    }

    /// <summary>A Thompson draw for the action in the segment.</summary>
    public double Sample(string action, string segment, IRandomSource random)
    {
        var (a, b) = Posterior(action, segment);
        return BetaSampler.Sample(a, b, random);
    }

    public (double Alpha, double Beta) Posterior(string action, string segment)
    {
        var arms = ByAction().GetValueOrDefault(action);
        var all = arms?.All ?? BetaArm.Uniform;
        var seg = segment == AllSegments ? null : arms?.Of(segment);
        if (seg is null) return (all.Alpha, all.Beta);
        var mean = all.Alpha / (all.Alpha + all.Beta);
        return (SegmentPriorWeight * mean + seg.Successes, SegmentPriorWeight * (1 - mean) + seg.Failures);
    }

    /// <summary>Every arm that has observations, with its action and segment: what a manager reads to see what was learned.</summary>
    public IEnumerable<(string Action, string Segment, BetaArm Arm)> ObservedArms() =>
        Arms.Select(kv =>
        {
            var bar = kv.Key.IndexOf('|');
            return (kv.Key[(bar + 1)..], kv.Key[..bar], kv.Value);
        });

    /// <summary>
    /// The arms grouped by action, built when the arms change (a new arm, a model read anew): every candidate of every
    /// decision asks for its action's arms, and spelling two keys and looking each up was most of that. Built whole and
    /// published in one write, as decisions on many threads read one model.
    /// </summary>
    private ArmIndex? _index;

    private Dictionary<string, ActionArms> ByAction()
    {
        var index = _index;
        if (index is not null && ReferenceEquals(index.Arms, Arms) && index.Count == Arms.Count) return index.ByAction;
        var byAction = new Dictionary<string, ActionArms>(StringComparer.Ordinal);
        foreach (var (key, arm) in Arms)
        {
            var bar = key.IndexOf('|');
            if (bar < 0) continue;
            var action = key[(bar + 1)..];
            if (!byAction.TryGetValue(action, out var arms)) byAction[action] = arms = new ActionArms();
            if (key.AsSpan(0, bar).SequenceEqual(AllSegments)) arms.All = arm;
            else arms.Segments.Add((key[..bar], arm));
        }
        _index = new ArmIndex(Arms, Arms.Count, byAction);
        return byAction;
    }

    /// <summary>The index and what it was built from: arms are only ever added, so the same dictionary with as many is unchanged.</summary>
    private sealed record ArmIndex(Dictionary<string, BetaArm> Arms, int Count, Dictionary<string, ActionArms> ByAction);

    /// <summary>One action's tenant-wide arm and its few per-segment ones (a segment is a tier).</summary>
    private sealed class ActionArms
    {
        public BetaArm? All;
        public readonly List<(string Segment, BetaArm Arm)> Segments = [];

        public BetaArm? Of(string segment)
        {
            foreach (var (s, arm) in Segments)
                if (string.Equals(s, segment, StringComparison.Ordinal)) return arm;
            return null;
        }
    }

    private BetaArm Arm(string action, string segment)
    {
        // The key is built only for a new arm: every outcome recorded looks up two.
        if (Find(action, segment) is { } arm) return arm;
        Arms[Key(action, segment)] = arm = new BetaArm();
        return arm;
    }

    /// <summary>Looks the arm up by a key spelled on the stack: every outcome recorded asks twice.</summary>
    private BetaArm? Find(string action, string segment)
    {
        if (!Arms.TryGetAlternateLookup<ReadOnlySpan<char>>(out var lookup)) return Arms.GetValueOrDefault(Key(action, segment));
        var length = segment.Length + 1 + action.Length;
        var key = length <= 256 ? stackalloc char[length] : new char[length];
        segment.CopyTo(key);
        key[segment.Length] = '|';
        action.CopyTo(key[(segment.Length + 1)..]);
        return lookup.TryGetValue(key, out var arm) ? arm : null;
    }

    private static string Key(string action, string segment) => segment + "|" + action;
}

/// <summary>Successes and failures of one action in one segment; the posterior is Beta(1 + successes, 1 + failures).</summary>
public sealed class BetaArm
{
    public static readonly BetaArm Uniform = new();

    [JsonPropertyName("s")] public double Successes { get; set; }
    [JsonPropertyName("f")] public double Failures { get; set; }

    [JsonIgnore] public double Alpha => 1 + Successes;
    [JsonIgnore] public double Beta => 1 + Failures;

    public void Observe(bool success)
    {
        if (success) Successes++;
        else Failures++;
    }
}
