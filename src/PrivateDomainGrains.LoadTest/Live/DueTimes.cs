using System.Collections.Concurrent;

namespace PrivateDomainGrains.LoadTest.Live;

/// <summary>
/// Scheduled send time of each measured event, registered before it is sent, so a nudge that overtakes its own
/// HTTP acknowledgement can still be timed on the progress line.
/// </summary>
public sealed class DueTimes
{
    private readonly ConcurrentDictionary<string, long> _due = new(StringComparer.Ordinal);

    public void Register(string eventId, long dueTicks) => _due[eventId] = dueTicks;

    public bool TryGet(string eventId, out long dueTicks) => _due.TryGetValue(eventId, out dueTicks);
}
