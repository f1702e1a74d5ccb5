using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Scheduling;

namespace PrivateDomainGrains.Core.Policy;

/// <summary>
/// When this customer is active (reads, replies, likes), as an hour-of-week histogram in the customer's local time
/// with exponential decay, so habits that change are followed. Decay is applied lazily on each observation;
/// comparisons between slots are unaffected by the common scale.
/// </summary>
public sealed class ContactHours
{
    public const int Slots = 7 * 24;
    /// <summary>Below this much (decayed) evidence the histogram says nothing.</summary>
    public const double MinEvidence = 3;

    [JsonPropertyName("w")] public float[] Weights { get; set; } = new float[Slots];
    [JsonPropertyName("at")] public DateTimeOffset UpdatedAt { get; set; }

    public static int SlotOf(DateTime local) => (int)local.DayOfWeek * 24 + local.Hour;

    public void Observe(DateTimeOffset at, TimeZoneInfo zone, TimeSpan halfLife)
    {
        var weight = 1.0;
        if (at > UpdatedAt)
        {
            var scale = (float)Decay(at - UpdatedAt, halfLife);
            for (var i = 0; i < Weights.Length; i++) Weights[i] *= scale;
            UpdatedAt = at;
        }
        else weight = Decay(UpdatedAt - at, halfLife);
        Weights[SlotOf(TimeZones.ToLocal(at, zone))] += (float)weight;
    }

    public double Evidence => Weights.Sum();

    /// <summary>
    /// How good <paramref name="at"/> is for contact relative to this customer's best hour: 0.5 (never active then) to
    /// 1.5 (the best hour); 1 when there is too little evidence to tell.
    /// </summary>
    public double ContextWeight(DateTimeOffset at, TimeZoneInfo zone)
    {
        var max = Weights.Max();
        if (Evidence < MinEvidence || max <= 0) return 1;
        return 0.5 + Weights[SlotOf(TimeZones.ToLocal(at, zone))] / max;
    }

    /// <summary>The start of the most active hour in the 24 hours from <paramref name="from"/> (or <paramref name="from"/> itself when that hour is best).</summary>
    public DateTimeOffset? BestWithinDay(DateTimeOffset from, TimeZoneInfo zone)
    {
        if (Evidence < MinEvidence) return null;
        var local = TimeZones.ToLocal(from, zone);
        var bestOffset = 0;
        var best = -1f;
        for (var h = 0; h < 24; h++)
        {
            var w = Weights[SlotOf(local.AddHours(h))];
            if (w > best) (best, bestOffset) = (w, h);
        }
        if (bestOffset == 0) return from;
        var hourStart = local.Date.AddHours(local.Hour + bestOffset);
        return TimeZones.ToInstant(hourStart, zone);
    }

    private static double Decay(TimeSpan elapsed, TimeSpan halfLife) => Math.Pow(0.5, elapsed / halfLife);
}
