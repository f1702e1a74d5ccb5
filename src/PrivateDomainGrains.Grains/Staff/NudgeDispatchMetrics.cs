using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PrivateDomainGrains.Grains.Staff;

/// <summary>
/// The way out of a silo to the staff grains (<see cref="NudgeDispatcher"/>): <c>pdg_nudges_dispatched</c> (nudges sent
/// to their owners' staff grains, handed-over ones included), <c>pdg_nudge_dispatch_queue</c> (nudges and changes to
/// nudges waiting to be sent: above zero for long means the staff grains do not keep up). Each send is a span
/// <c>nudge dispatch</c> (source <see cref="ActivitySourceName"/>) continuing the trace of the first delivery it carries
/// and linking the others', so the trace of an event goes on through the staff grain to the console push.
/// </summary>
public sealed class NudgeDispatchMetrics
{
    public const string MeterName = "PrivateDomainGrains.Nudges";
    public const string ActivitySourceName = "PrivateDomainGrains.Grains";

    /// <summary>Links beyond the parent that one dispatch span carries; a burst to one staff member has thousands.</summary>
    private const int MaxLinks = 32;

    private readonly ActivitySource _source = new(ActivitySourceName);
    private readonly Meter _meter;
    private readonly Counter<long> _dispatched;

    public NudgeDispatchMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _dispatched = _meter.CreateCounter<long>("pdg_nudges_dispatched", "{nudge}", "Nudges sent from this silo to their owners' staff grains");
    }

    /// <summary>Reports the dispatcher's queue length as <c>pdg_nudge_dispatch_queue</c>.</summary>
    public void ObserveQueue(Func<int> queued) =>
        _meter.CreateObservableGauge("pdg_nudge_dispatch_queue", queued, "{delivery}", "Nudges and changes to nudges waiting in this silo to be sent to staff grains");

    /// <summary>Starts the span of one send to a staff grain (null when nobody records traces) and counts its nudges.</summary>
    /// <param name="traces">The trace each nudge or change was queued in (default when none).</param>
    /// <param name="nudges">How many of them are nudges raised (the rest are changes to nudges).</param>
    public Activity? StartDispatch(IReadOnlyList<ActivityContext> traces, int nudges)
    {
        if (nudges > 0) _dispatched.Add(nudges);
        if (!_source.HasListeners()) return null;
        var parent = traces.FirstOrDefault(t => t != default);
        var links = traces.Where(t => t != default && t != parent).Distinct().Take(MaxLinks).Select(t => new ActivityLink(t));
        var activity = _source.StartActivity(ActivityKind.Producer, parent, links: links, name: "nudge dispatch");
        activity?.SetTag("pdg.nudges", nudges);
        activity?.SetTag("pdg.changes", traces.Count - nudges);
        return activity;
    }
}
