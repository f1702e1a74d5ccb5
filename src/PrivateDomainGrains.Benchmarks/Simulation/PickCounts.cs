using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// Whether the learned model changes what arbitration picks (the engine policy only). A decision is contested when
/// proactive nudges competed for its one touch: the raised one and those held as "arbitration: lost to ...". For each,
/// the pick is worked out again from the same candidates, scores and model snapshot with the posterior mean in place
/// of the Thompson draw (what exploration changes) and with no model at all, propensity 0.5 as fixed priority scores
/// (what the model changes), ties broken as <see cref="Arbitration"/> breaks them (priority, then id).
/// Counted in the run's console line, not in its JSON, so reports stay comparable with earlier ones.
/// </summary>
public sealed class PickCounts
{
    private const string LostPrefix = "arbitration: lost to ";

    /// <summary>Decisions in which two or more proactive nudges competed.</summary>
    public long Contested { get; set; }
    /// <summary>Contested decisions whose pick would differ under the posterior mean (exploration's doing).</summary>
    public long DiffersFromMean { get; set; }
    /// <summary>Contested decisions whose pick would differ with no model (value x context x lever alone).</summary>
    public long DiffersFromNoModel { get; set; }
    /// <summary>Contested decisions where the posterior mean's pick differs from no model's (the learned rates' doing).</summary>
    public long MeanDiffersFromNoModel { get; set; }

    public void Observe(Decision decision, PropensityModel model, string segment)
    {
        Candidate? raised = null;
        var rivals = 0;
        foreach (var c in decision.Candidates)
        {
            if (c.Verdict == Verdict.Raised && c.Nudge.Proactive) raised = c;
            else if (c.Verdict == Verdict.Held && c.Policy is { } p && p.StartsWith(LostPrefix, StringComparison.Ordinal)) rivals++;
        }
        if (raised is null || rivals == 0) return;
        Candidate? byMean = null, byNoModel = null;
        double meanBest = 0, noModelBest = 0;
        foreach (var c in decision.Candidates)
        {
            if (!ReferenceEquals(c, raised) && !(c.Verdict == Verdict.Held && c.Policy is { } p && p.StartsWith(LostPrefix, StringComparison.Ordinal))) continue;
            var mean = (c.Score with { Propensity = model.Mean(c.Nudge.Source, segment) }).Total;
            var none = (c.Score with { Propensity = 0.5 }).Total;
            if (byMean is null || Better(mean, c, meanBest, byMean)) (byMean, meanBest) = (c, mean);
            if (byNoModel is null || Better(none, c, noModelBest, byNoModel)) (byNoModel, noModelBest) = (c, none);
        }
        Contested++;
        if (!ReferenceEquals(byMean, raised)) DiffersFromMean++;
        if (!ReferenceEquals(byNoModel, raised)) DiffersFromNoModel++;
        if (!ReferenceEquals(byMean, byNoModel)) MeanDiffersFromNoModel++;
    }

    public void Add(PickCounts other)
    {
        Contested += other.Contested;
        DiffersFromMean += other.DiffersFromMean;
        DiffersFromNoModel += other.DiffersFromNoModel;
        MeanDiffersFromNoModel += other.MeanDiffersFromNoModel;
    }

    public override string ToString() => Contested == 0 ? "no contested picks" :
        $"{Contested:N0} contested picks; Thompson's pick differs from the posterior mean's in {DiffersFromMean:N0} ({Share(DiffersFromMean)}), "
        + $"from no model's in {DiffersFromNoModel:N0} ({Share(DiffersFromNoModel)}); the mean's from no model's in {MeanDiffersFromNoModel:N0} ({Share(MeanDiffersFromNoModel)})";

    private string Share(long n) => $"{100.0 * n / Contested:F2} %";

    /// <summary>Arbitration's order: higher score, then higher priority, then the smaller id.</summary>
    private static bool Better(double score, Candidate c, double bestScore, Candidate best)
    {
        var order = score.CompareTo(bestScore);
        if (order == 0) order = c.Nudge.Priority.CompareTo(best.Nudge.Priority);
        return order != 0 ? order > 0 : string.CompareOrdinal(c.Nudge.Id, best.Nudge.Id) < 0;
    }
}
