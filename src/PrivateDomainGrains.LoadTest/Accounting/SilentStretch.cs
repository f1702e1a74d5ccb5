namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// The longest stretch of [from, to) during which a console was owed at least one nudge (raised, not yet received) and
/// received nothing. Between consecutive arrivals nothing completes, so within each such interval the console is silent
/// from its start if something was already owed then, or from the first nudge raised inside it otherwise, to its end. Pure.
/// </summary>
public static class SilentStretch
{
    /// <param name="arrivals">When the console received something, in any order.</param>
    /// <param name="owed">Each owed nudge: when it was raised and when the console received it (<paramref name="to"/> if it did not).</param>
    /// <returns>The stretch as (start, end), or null when nothing was owed.</returns>
    public static (long From, long To)? Longest(long from, long to, IEnumerable<long> arrivals, IReadOnlyList<(long Created, long Done)> owed)
    {
        if (owed.Count == 0 || to <= from) return null;
        var byCreation = owed.OrderBy(o => o.Created).ToArray();
        // latestDone[i]: the latest completion among the first i + 1 owed nudges by creation.
        var latestDone = new long[byCreation.Length];
        for (var i = 0; i < byCreation.Length; i++) latestDone[i] = Math.Max(i > 0 ? latestDone[i - 1] : long.MinValue, byCreation[i].Done);
        var points = arrivals.Where(t => t > from && t < to).Append(to).Order().Distinct();
        (long From, long To)? longest = null;
        var start = from;
        var next = 0; // the first owed nudge raised after `start`
        foreach (var end in points)
        {
            while (next < byCreation.Length && byCreation[next].Created <= start) next++;
            long? silentFrom = next > 0 && latestDone[next - 1] > start ? start
                : next < byCreation.Length && byCreation[next].Created < end ? byCreation[next].Created
                : null;
            if (silentFrom is { } s && (longest is null || end - s > longest.Value.To - longest.Value.From)) longest = (s, end);
            start = end;
        }
        return longest;
    }
}
