using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Nudges;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Turns a rule's or an SOP step's nudge template into a <see cref="PlannedNudge"/> for one decision: texts rendered
/// for this customer and event, channel chosen (the template's, else the event's, else the latest interaction's).
/// Many rules share a title or script; each text is rendered once per template source until <see cref="Invalidate"/>
/// (the tier or a field changed), rather than each rule rendering and holding its own copy. One planner serves the
/// decisions of its thread in turn (<see cref="Bind"/>), so its cache is allocated once, not per decision.
/// </summary>
internal sealed class NudgePlanner
{
    private CustomerProfile _customer = null!;
    private Dictionary<(Template Template, bool WithEvent), string>? _rendered;

    /// <summary>Points the planner at one decision's customer, with nothing rendered yet.</summary>
    public void Bind(CustomerProfile customer)
    {
        _customer = customer;
        _rendered?.Clear();
    }

    /// <param name="since">When it would have been raised had events arrived in order (<see cref="PlannedNudge.Since"/>).</param>
    public PlannedNudge Plan(NudgeTemplate t, string id, string source, string trigger, string description,
        int priority, double value, double lever, CustomerEvent? e, DateTimeOffset since)
    {
        var variantId = VariantAssignment.Of(t, _customer.CustomerId, source);
        var variant = variantId is null ? null : Named(t.Variants, variantId);
        var suggested = variant?.Suggested ?? t.Suggested;
        return new PlannedNudge(
            id, t.Kind,
            Render(variant?.Title ?? t.Title, e),
            Render(variant?.Script ?? t.Script, e),
            suggested is null ? null : Render(suggested, e),
            t.Reason is null ? description : Render(t.Reason, e),
            priority, source, trigger,
            t.Channel ?? e?.Channel ?? LatestChannel(),
            t.Proactive, value, lever)
        {
            To = t.ToEventStaff && e?.StaffId is { Length: > 0 } staff ? _customer.AddresseeFor(staff) : null,
            Since = since,
            DoneOn = t.DoneOn,
            ExpiresAfter = t.ExpiresAfter,
            Variant = variantId,
        };
    }

    /// <summary>The variant with that id: a loop, as a lambda here allocated its captures on every nudge planned.</summary>
    private static NudgeVariant? Named(NudgeVariant[]? variants, string id)
    {
        foreach (var v in variants ?? [])
            if (v.Id == id) return v;
        return null;
    }

    /// <summary>Texts rendered so far may read the tier or fields that just changed.</summary>
    public void Invalidate() => _rendered?.Clear();

    /// <summary>
    /// A nudge text. Besides the tier and fields, a template reads only the profile as the event left it and the event:
    /// within one decision <paramref name="e"/> is that event or null.
    /// </summary>
    private string Render(Template template, CustomerEvent? e)
    {
        if (template.IsConstant) return template.Render(_customer, e);
        var key = (template, e is not null);
        if ((_rendered ??= new(BySource.Instance)).TryGetValue(key, out var text)) return text;
        return _rendered[key] = template.Render(_customer, e);
    }

    private string? LatestChannel()
    {
        for (var i = _customer.RecentInteractions.Count - 1; i >= 0; i--)
            if (_customer.RecentInteractions[i].Channel is { } channel) return channel;
        return null;
    }

    private sealed class BySource : IEqualityComparer<(Template Template, bool WithEvent)>
    {
        public static readonly BySource Instance = new();

        public bool Equals((Template Template, bool WithEvent) x, (Template Template, bool WithEvent) y) =>
            x.WithEvent == y.WithEvent
            && (ReferenceEquals(x.Template, y.Template) || string.Equals(x.Template.Source, y.Template.Source, StringComparison.Ordinal));

        public int GetHashCode((Template Template, bool WithEvent) key) => key.Template.SourceHash ^ (key.WithEvent ? 1 : 0);
    }
}
