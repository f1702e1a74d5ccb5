namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Sorts out every time a console received a nudge (by nudge id) it had already received. Pure.
/// <list type="bullet">
/// <item>Again on the same connection: the platform pushed it twice (a duplicate).</item>
/// <item>On a later connection after the platform confirmed the console's Ack of it: a closed nudge pushed again (a duplicate).</item>
/// <item>On a later connection before any Ack of it was confirmed: the inbox replayed a nudge that was still open,
/// which at-least-once delivery allows (the console recognises the id); counted apart, not as a duplicate.</item>
/// </list>
/// </summary>
public static class Redeliveries
{
    public static RedeliveryCounts Classify(IReadOnlyList<NudgeArrival> arrivals, IReadOnlyList<AckConfirmation> acks)
    {
        var confirmed = acks.GroupBy(a => (a.Console, a.NudgeId)).ToDictionary(g => g.Key, g => g.Min(a => a.AtTicks));
        long sameConnection = 0, afterAck = 0, replayedOpen = 0;
        var sample = new List<RepeatedArrival>();
        foreach (var group in arrivals.GroupBy(a => (a.ConsoleIndex, a.NudgeId)))
        {
            var ordered = group.OrderBy(a => a.ArrivedTicks).ToArray();
            var connections = new HashSet<string?> { ordered[0].Connection };
            for (var i = 1; i < ordered.Length; i++)
            {
                var a = ordered[i];
                var duplicate = true;
                if (!connections.Add(a.Connection)) sameConnection++;
                else if (confirmed.TryGetValue(group.Key, out var ackedAt) && ackedAt <= a.ArrivedTicks) afterAck++;
                else
                {
                    replayedOpen++;
                    duplicate = false;
                }
                if (duplicate && sample.Count < NudgeReconciler.LostSampleSize)
                    sample.Add(new RepeatedArrival(a.NudgeId, a.ConsoleIndex, ordered[i - 1].Connection, ordered[i - 1].ArrivedTicks, a.Connection, a.ArrivedTicks));
            }
        }
        return new RedeliveryCounts(sameConnection, afterAck, replayedOpen, sample);
    }
}

/// <param name="SameConnection">Pushed again on the connection that already had it.</param>
/// <param name="AfterAckConfirmed">Pushed again on a later connection although its Ack had been confirmed.</param>
/// <param name="ReplayedWhileOpen">Replayed on a later connection while still open (no Ack confirmed yet): allowed.</param>
/// <param name="DuplicateSample">A few duplicates with both arrivals, to find them in the node logs.</param>
public sealed record RedeliveryCounts(long SameConnection, long AfterAckConfirmed, long ReplayedWhileOpen, IReadOnlyList<RepeatedArrival> DuplicateSample)
{
    /// <summary>Pushed twice to one console: the figure whose target is 0.</summary>
    public long Duplicated => SameConnection + AfterAckConfirmed;
}

/// <summary>A nudge that reached one console twice: the earlier and the later arrival, with the connection ids they came on.</summary>
public sealed record RepeatedArrival(string NudgeId, int Console, string? FirstConnection, long FirstTicks, string? AgainConnection, long AgainTicks);
