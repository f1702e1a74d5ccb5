using System.Collections.Concurrent;

namespace PrivateDomainGrains.Core.Time;

/// <summary>IANA time zones by id, looked up once per process (FindSystemTimeZoneById reads tzdata from disk).</summary>
public static class TimeZones
{
    private const int MaxCachedNames = 10_000;
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Cache = new(StringComparer.Ordinal);
    private static int _cachedNames;

    /// <summary>
    /// The zone named <paramref name="id"/> (e.g. <c>Asia/Shanghai</c>), or false. Only names of IANA's shape are looked up
    /// (letters, digits and <c>/_-+</c>, at most 64 characters, no empty segment), and any failure to read one
    /// (a name of a directory, such as <c>America</c>, an unreadable file) means "unknown", never an exception.
    /// </summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id)) return false;
        if (!Cache.TryGetValue(id, out var found))
        {
            if (!IsIanaShaped(id)) return false;
            if (Interlocked.Increment(ref _cachedNames) > MaxCachedNames)
            {
                // Names come from customers' fields too: unknown ones must not grow the cache without bound.
                Cache.Clear();
                Volatile.Write(ref _cachedNames, 0);
            }
            found = Cache.GetOrAdd(id, static key =>
            {
                try { return TimeZoneInfo.FindSystemTimeZoneById(key); }
                catch (Exception e) when (e is not OutOfMemoryException) { return null; }
            });
        }
        if (found is null) return false;
        zone = found;
        return true;
    }

    private static bool IsIanaShaped(string id)
    {
        if (id.Length > 64 || id.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-+") >= 0) return false;
        foreach (var segment in id.AsSpan().Split('/'))
            if (segment.End.Value == segment.Start.Value) return false;
        return true;
    }

    /// <summary>
    /// The instant at which wall-clock <paramref name="local"/> happens in <paramref name="zone"/>. A time skipped by a
    /// DST jump moves forward past the gap; a repeated time takes its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// <see cref="ToInstant"/> memoised: wall-clock to instant is fixed for a given zone and tzdata, and yearly timers
    /// ask for the same few local times on every decision. Cleared when large rather than grown without bound.
    /// </summary>
    public static DateTimeOffset ToInstantCached(DateTime local, TimeZoneInfo zone)
    {
        if (InstantCache.TryGetValue((zone, local.Ticks), out var cached)) return cached;
        // ConcurrentDictionary.Count takes every lock: count additions here instead (approximate under races is fine).
        if (Interlocked.Increment(ref _cachedInstants) > MaxCachedInstants)
        {
            InstantCache.Clear();
            Volatile.Write(ref _cachedInstants, 0);
        }
        return InstantCache.GetOrAdd((zone, local.Ticks), static key => ToInstant(new DateTime(key.Ticks), key.Zone));
    }

    private const int MaxCachedInstants = 100_000;
    private static readonly ConcurrentDictionary<(TimeZoneInfo Zone, long Ticks), DateTimeOffset> InstantCache = new(ByZoneInstance.Instance);
    private static int _cachedInstants;

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// Zones by instance (they come from <see cref="Cache"/>): TimeZoneInfo.Equals compares every adjustment rule,
    /// which made each cache hit dearer than the conversion it saves.
    /// </summary>
    private sealed class ByZoneInstance : IEqualityComparer<(TimeZoneInfo Zone, long Ticks)>
    {
        public static readonly ByZoneInstance Instance = new();

        public bool Equals((TimeZoneInfo Zone, long Ticks) x, (TimeZoneInfo Zone, long Ticks) y) =>
            ReferenceEquals(x.Zone, y.Zone) && x.Ticks == y.Ticks;

        public int GetHashCode((TimeZoneInfo Zone, long Ticks) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Zone), key.Ticks);
    }
}
