using System.Diagnostics;
using System.Diagnostics.Metrics;
using PrivateDomainGrains.Abstractions.Nudges;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// Consoles on this node: <c>pdg_console_connections</c> (open hub connections), <c>pdg_nudges_pushed</c> (nudges sent to a
/// console, by <c>tenant</c> and <c>path</c>: <c>live</c> as raised, <c>replay</c> from the inbox on connect; a nudge sent to
/// two consoles of one staff member counts twice); nudges closed are counted where every close is seen
/// (<see cref="PrivateDomainGrains.Grains.Customers.CustomerMetrics"/>). Each push from a staff grain to this node is a span <c>nudge push</c> (source <see cref="ActivitySourceName"/>) in the trace
/// the nudge was raised in.
/// </summary>
public sealed class ConsoleMetrics
{
    public const string MeterName = "PrivateDomainGrains.Console";
    public const string ActivitySourceName = "PrivateDomainGrains.Host";

    private static readonly KeyValuePair<string, object?> Live = new("path", "live");
    private static readonly KeyValuePair<string, object?> Replay = new("path", "replay");

    private readonly ActivitySource _source = new(ActivitySourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _pushed;

    public ConsoleMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _pushed = _meter.CreateCounter<long>("pdg_nudges_pushed", "{nudge}", "Nudges sent to consoles connected to this node");
    }

    /// <summary>Reports the open console connections as <c>pdg_console_connections</c>.</summary>
    public void ObserveConnections(Func<int> open) =>
        _meter.CreateObservableUpDownCounter("pdg_console_connections", open, "{connection}", "Console hub connections open on this node");

    public void Pushed(Nudge[] sent, bool replay)
    {
        if (sent.Length > 0) _pushed.Add(sent.Length, new KeyValuePair<string, object?>("tenant", sent[0].Tenant), replay ? Replay : Live);
    }

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
