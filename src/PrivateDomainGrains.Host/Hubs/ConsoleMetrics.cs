using System.Diagnostics;
using System.Diagnostics.Metrics;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// Consoles on this node: <c>pdg_console_connections</c> (open hub connections), <c>pdg_nudges_pushed</c> (nudges sent to a
/// console, by <c>tenant</c> and <c>path</c>: <c>live</c> as raised, <c>replay</c> from the inbox on connect; a nudge sent to
/// two consoles of one staff member counts twice) and <c>pdg_nudges_closed</c> (by <c>tenant</c> and <c>how</c>). Each
/// push from a staff grain to this node is a span <c>nudge push</c> (source <see cref="ActivitySourceName"/>) in the trace
/// the nudge was raised in.
/// </summary>
public sealed class ConsoleMetrics
{
    public const string MeterName = "PrivateDomainGrains.Console";
    public const string ActivitySourceName = "PrivateDomainGrains.Host";

    /// <summary>Values of the <c>how</c> tag of <c>pdg_nudges_closed</c>. The nudge lifecycle adds its own (expired,
    /// superseded, handed over...) by calling <see cref="Closed"/> where it closes a nudge.</summary>
    public static class ClosedHow
    {
        public const string Done = "done";
        public const string NotUseful = "not-useful";
    }

    private static readonly KeyValuePair<string, object?> Live = new("path", "live");
    private static readonly KeyValuePair<string, object?> Replay = new("path", "replay");

    private readonly ActivitySource _source = new(ActivitySourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _pushed;
    private readonly Counter<long> _closed;

    public ConsoleMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _pushed = _meter.CreateCounter<long>("pdg_nudges_pushed", "{nudge}", "Nudges sent to consoles connected to this node");
        _closed = _meter.CreateCounter<long>("pdg_nudges_closed", "{nudge}", "Nudges closed, by how");
    }

    /// <summary>Reports the open console connections as <c>pdg_console_connections</c>.</summary>
    public void ObserveConnections(Func<int> open) =>
        _meter.CreateObservableUpDownCounter("pdg_console_connections", open, "{connection}", "Console hub connections open on this node");

    public void Pushed(Nudge[] sent, bool replay)
    {
        if (sent.Length > 0) _pushed.Add(sent.Length, new KeyValuePair<string, object?>("tenant", sent[0].Tenant), replay ? Replay : Live);
    }

    /// <summary>A nudge left the open set: <paramref name="how"/> is one of <see cref="ClosedHow"/> or the lifecycle's own.</summary>
    public void Closed(string tenant, string how) =>
        _closed.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("how", how));

    /// <summary>
    /// Starts the span of one push from a staff grain to this node (null when nobody records traces), in the caller's
    /// trace: the current activity's, or the one Orleans carried in the call's request context.
    /// </summary>
    public Activity? StartPush(int nudges)
    {
        if (!_source.HasListeners()) return null;
        var parent = Activity.Current?.Context
            ?? (ActivityContext.TryParse(RequestContext.Get("traceparent") as string, RequestContext.Get("tracestate") as string, out var carried) ? carried : default);
        var activity = _source.StartActivity("nudge push", ActivityKind.Consumer, parent);
        activity?.SetTag("pdg.nudges", nudges);
        return activity;
    }
}
