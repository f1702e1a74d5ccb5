using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Time;

namespace PrivateDomainGrains.Core.Customers;

/// <summary>
/// When this customer is active (reads, replies, likes), as an hour-of-week histogram in the customer's local time
/// with exponential decay, so habits that change are followed. Decay is applied lazily on each observation;
/// comparisons between slots are unaffected by the common scale. Only the hours the customer was ever active in are
/// held (most customers have a handful): a dense histogram would cost every resident customer 168 floats.
/// </summary>
public sealed class ContactHours
{
    public const int Slots = 7 * 24;
    /// <summary>Below this much (decayed) evidence the histogram says nothing.</summary>
    public const double MinEvidence = 3;

    /// <summary>The slots with a weight, ascending; <see cref="_weights"/> holds their weights at the same indexes.</summary>
    private byte[] _slots = [];
    private float[] _weights = [];

    /// <summary>Stored dense, one weight per slot of the week, as it always was.</summary>
    [JsonInclude, JsonPropertyName("w")]
    private float[] DenseWeights
    {
        get
        {
            var dense = new float[Slots];
            for (var i = 0; i < _slots.Length; i++) dense[_slots[i]] = _weights[i];
            return dense;
        }
        set
        {
            var slots = new List<byte>();
            var weights = new List<float>();
            for (var slot = 0; slot < Math.Min(value.Length, Slots); slot++)
            {
                if (value[slot] == 0) continue;
                slots.Add((byte)slot);
                weights.Add(value[slot]);
            }
            (_slots, _weights) = ([.. slots], [.. weights]);
        }
    }

    [JsonPropertyName("at")] public DateTimeOffset UpdatedAt { get; set; }

    public static int SlotOf(DateTime local) => (int)local.DayOfWeek * 24 + local.Hour;

    public void Observe(DateTimeOffset at, TimeZoneInfo zone, TimeSpan halfLife)
    {
        var weight = 1.0;
        if (at > UpdatedAt)
        {
            var scale = (float)Decay(at - UpdatedAt, halfLife);
            for (var i = 0; i < _weights.Length; i++) _weights[i] *= scale;
            UpdatedAt = at;
        }
        else weight = Decay(UpdatedAt - at, halfLife);
        Add(SlotOf(TimeZones.ToLocal(at, zone)), (float)weight);
    }

    public double Evidence => _weights.Sum();

    /// <summary>
    /// How good <paramref name="at"/> is for contact relative to this customer's best hour: 0.5 (never active then) to
    /// 1.5 (the best hour); 1 when there is too little evidence to tell.
    /// </summary>
    public double ContextWeight(DateTimeOffset at, TimeZoneInfo zone)
    {
        var max = _weights.Length == 0 ? 0 : _weights.Max();
        if (Evidence < MinEvidence || max <= 0) return 1;
        return 0.5 + WeightOf(SlotOf(TimeZones.ToLocal(at, zone))) / max;
    }

    /// <summary>
    /// The start of the hour in the 24 hours from <paramref name="from"/> at which this customer is most likely to read
    /// a message (or <paramref name="from"/> itself when its own hour is as good as any), skipping hours that start in
    /// <paramref name="quiet"/> hours; null without enough evidence. Hours are compared by hour of day, the days of the
    /// week folded together (a customer with a few events a week leaves most hour-of-week slots empty), and smoothed
    /// with half the weight of each neighbouring hour, so one stray event does not outweigh a habit.
    /// </summary>
    public DateTimeOffset? BestWithinDay(DateTimeOffset from, TimeZoneInfo zone, QuietHours? quiet = null)
    {
        if (Evidence < MinEvidence) return null;
        Span<float> byHour = stackalloc float[24];
        for (var i = 0; i < _slots.Length; i++) byHour[_slots[i] % 24] += _weights[i];
        var local = TimeZones.ToLocal(from, zone);
        // The calendar's last days have no next day to wait for: nothing is ever sent there anyway.
        if (local >= DateTime.MaxValue.AddDays(-2)) return from;
        var bestOffset = -1;
        var best = -1f;
        for (var h = 0; h < 24; h++)
        {
            var start = h == 0 ? local : local.Date.AddHours(local.Hour + h);
            if (quiet is not null && quiet.Contains(TimeOnly.FromDateTime(start))) continue;
            var hour = (local.Hour + h) % 24;
            var w = byHour[hour] + 0.5f * (byHour[(hour + 23) % 24] + byHour[(hour + 1) % 24]);
            if (w > best) (best, bestOffset) = (w, h);
        }
        if (bestOffset <= 0) return from;
        return TimeZones.ToInstant(local.Date.AddHours(local.Hour + bestOffset), zone);
    }

    private float WeightOf(int slot) => Array.BinarySearch(_slots, (byte)slot) is var i and >= 0 ? _weights[i] : 0;

    private void Add(int slot, float weight)
    {
        var i = Array.BinarySearch(_slots, (byte)slot);
        if (i >= 0)
        {
            _weights[i] += weight;
            return;
        }
        i = ~i;
        _slots = [.. _slots.AsSpan(0, i), (byte)slot, .. _slots.AsSpan(i)];
        _weights = [.. _weights.AsSpan(0, i), weight, .. _weights.AsSpan(i)];
    }

    private static double Decay(TimeSpan elapsed, TimeSpan halfLife) => Math.Pow(0.5, elapsed / halfLife);
}
