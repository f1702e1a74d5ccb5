namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// How simulated customers and staff respond, as pure functions of the hidden truth (<see cref="Segment"/>) and the
/// moment: the reading curve (when in the day a customer reads), fatigue (response falls with recent touches), the
/// chance of deleting the friend when flooded or bothered with the wrong thing, and how staff treat a nudge.
/// </summary>
public static class ResponseModel
{
    /// <summary>A customer reads at a peak with weight 1 and at the quietest hours with this weight.</summary>
    public const double OffPeakReading = 0.15;
    /// <summary>Hours either side of a peak at which reading has fallen to about 60% of the peak's extra weight.</summary>
    public const double PeakWidthHours = 1.5;
    /// <summary>Each proactive touch in the 7 days before divides the response by (1 + this x touches).</summary>
    public const double FatiguePerTouch = 0.5;
    public static readonly TimeSpan FatigueWindow = TimeSpan.FromDays(7);
    /// <summary>Chance that one proactive message loses a customer who tolerates it and for whom it is the best fit.</summary>
    public const double BaseUnsubscribe = 0.0005;
    /// <summary>Extra chance of losing the customer per touch beyond their tolerance in 7 days (this one included).</summary>
    public const double FloodUnsubscribe = 0.01;

    /// <summary>Staff act on this share of proactive nudges (the rest they dismiss or never get to).</summary>
    public const double StaffActProactive = 0.70;
    public const double StaffActReactive = 0.90;
    /// <summary>Staff dismiss a proactive nudge with 5% plus up to 20% more the worse it suits the customer: they know their customers a little.</summary>
    public const double StaffDismissBase = 0.05;
    public const double StaffDismissMisfit = 0.20;
    public const double StaffDismissReactive = 0.02;

    /// <summary>Reading weight per local hour (24 entries, the peak at 1): a bump of <see cref="PeakWidthHours"/> at each peak over <see cref="OffPeakReading"/>.</summary>
    public static double[] ReadingCurve(IReadOnlyList<int> peakHours)
    {
        var curve = new double[24];
        for (var h = 0; h < 24; h++)
        {
            var bump = 0.0;
            foreach (var peak in peakHours)
            {
                var d = Math.Abs(h - peak);
                d = Math.Min(d, 24 - d);
                bump = Math.Max(bump, Math.Exp(-d * d / (2 * PeakWidthHours * PeakWidthHours)));
            }
            curve[h] = OffPeakReading + (1 - OffPeakReading) * bump;
        }
        return curve;
    }

    /// <summary>The factor recent touches leave on any response: 1 with none, 1/2 after two, 1/3 after four.</summary>
    public static double Fatigue(int touchesInLast7Days) => 1 / (1 + FatiguePerTouch * touchesInLast7Days);

    /// <summary>The chance that a message for <paramref name="source"/>, read with weight <paramref name="reading"/>, leads to an order.</summary>
    public static double OrderChance(Segment segment, string source, double reading, int touchesBefore) =>
        segment.ResponseTo(source).Order * reading * Fatigue(touchesBefore);

    public static double ReplyChance(Segment segment, string source, double reading, int touchesBefore) =>
        Math.Min(1, segment.ResponseTo(source).Reply * reading * Fatigue(touchesBefore));

    /// <summary>
    /// The chance that this proactive message makes the customer delete the friend: a little for any message, up to three
    /// times that for one that suits them badly, and <see cref="FloodUnsubscribe"/> per touch beyond their tolerance.
    /// </summary>
    public static double UnsubscribeChance(Segment segment, string source, int touchesIncludingThis) =>
        Math.Min(1, BaseUnsubscribe * (1 + 2 * (1 - segment.Fit(source)))
            + FloodUnsubscribe * Math.Max(0, touchesIncludingThis - segment.Tolerance));

    /// <summary>What the owner does with a nudge: act on it, dismiss it (Not useful), or never get to it.</summary>
    public static (double Act, double Dismiss) StaffChances(Segment segment, string source, bool proactive) =>
        proactive
            ? (StaffActProactive, StaffDismissBase + StaffDismissMisfit * (1 - segment.Fit(source)))
            : (StaffActReactive, StaffDismissReactive);

    /// <summary>
    /// The oracle's propensity: the true chance that raising this nudge now ends in an order it caused (the owner acts,
    /// the customer reads it at this hour, tired by the touches they already had).
    /// </summary>
    public static double TrueConversion(Segment segment, string source, bool proactive, double reading, int touchesBefore) =>
        StaffChances(segment, source, proactive).Act * OrderChance(segment, source, reading, touchesBefore);
}
