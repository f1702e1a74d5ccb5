using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>
/// Reads figures from the Prometheus text exposition format the host writes at <c>/metrics</c> (OpenTelemetry's
/// Prometheus exporter: <c>name{label="v",...} value [timestamp]</c>, comments starting with <c>#</c>).
/// </summary>
public static class PrometheusText
{
    /// <summary>The runtime's <c>dotnet.gc.pause.time</c> counter: seconds paused in GC since the process started.</summary>
    public const string GcPauseSeconds = "dotnet_gc_pause_time_seconds_total";

    /// <summary>
    /// The runtime's <c>dotnet.thread_pool.queue.length</c>: work items queued to the thread pool when scraped. An
    /// up-down counter, which the host's OpenTelemetry Prometheus exporter writes as a counter with <c>_total</c>
    /// (seen on the host's <c>/metrics</c>); the value is still the current length.
    /// </summary>
    public const string ThreadPoolQueueLength = "dotnet_thread_pool_queue_length_total";

    /// <summary>The sum of every series of metric <paramref name="name"/> (all label sets); null when the text has none.</summary>
    public static double? Sum(string text, string name)
    {
        double? sum = null;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = line[name.Length..];
            if (rest.IsEmpty || rest[0] is not ('{' or ' ')) continue; // a longer name that starts with this one
            if (rest[0] == '{')
            {
                var close = rest.LastIndexOf('}');
                if (close < 0) continue;
                rest = rest[(close + 1)..];
            }
            rest = rest.TrimStart();
            var end = rest.IndexOf(' ');
            var value = end < 0 ? rest : rest[..end];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) sum = (sum ?? 0) + v;
        }
        return sum;
    }
}
