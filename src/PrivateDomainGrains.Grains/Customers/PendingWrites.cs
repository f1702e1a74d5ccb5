using System.Text.Json;
using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Engine;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Core.Time;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// What the decisions of one grain call produced for storage, gathered for the one commit that follows: the nudges
/// raised (addressed: <see cref="AddRaised"/>), the nudges closed and credited, and the changes that are not events
/// (tags, tier, fields) for the customer's timeline.
/// </summary>
internal sealed class PendingWrites(string tenant, string customerId)
{
    public List<NudgeRow> Nudges { get; } = [];
    public List<NudgeClose> Closes { get; } = [];
    public List<NudgeCreditRow> Credits { get; } = [];
    public List<NudgeCreditRow> Conversions { get; } = [];
    public List<CustomerChangeRow> Changes { get; } = [];

    /// <summary>The owner changed: the open nudges that follow the owner move to the new one in the same transaction.</summary>
    public bool MovesOpenNudges { get; private set; }

    /// <summary>A handover: the open nudges addressed by name to the staff member handing over go to the one taking over.</summary>
    public (string From, string To)? Handover { get; private set; }

    public bool IsEmpty => Nudges.Count == 0 && Closes.Count == 0 && Credits.Count == 0 && Conversions.Count == 0 && Changes.Count == 0 && !MovesOpenNudges;

    /// <summary>Adds what <paramref name="decision"/>, taken at <paramref name="at"/>, changed beside its nudges.</summary>
    /// <param name="manualTag">The tag changed by hand that the decision was on, if any; every other tag change was a rule's or a keyword's.</param>
    /// <param name="by">Who changed <paramref name="manualTag"/>: a staff member's id, or null for an integration.</param>
    public void Add(Decision decision, DateTimeOffset at, string? manualTag = null, string? by = null)
    {
        foreach (var c in decision.Closed) Closes.Add(new NudgeClose(tenant, c.NudgeId, c.How, c.At));
        foreach (var c in decision.Credits) Credits.Add(Row(c));
        foreach (var c in decision.Conversions) Conversions.Add(Row(c));
        // The tag changed by hand was a staff member's or an integration's doing; the others a rule's or a keyword's,
        // except a tag an exclusive group displaced, which is the doing of whoever added the tag that displaced it.
        string Who(string tag) => tag != manualTag ? "rule" : by is null ? "integration" : "staff:" + by;
        string Remover(string tag)
        {
            foreach (var (displaced, cause) in decision.Displaced)
                if (displaced == tag) return Who(cause);
            return Who(tag);
        }
        foreach (var tag in decision.TagsAdded) Change(at, CustomerChangeKinds.TagAdded, new { tag, by = Who(tag) });
        foreach (var tag in decision.TagsRemoved) Change(at, CustomerChangeKinds.TagRemoved, new { tag, by = Remover(tag) });
        if (decision.TierChange is { } tier) Change(at, CustomerChangeKinds.TierChanged, new { from = tier.From.ToString(), to = tier.To.ToString() });
        foreach (var (field, value) in decision.FieldsSet) Change(at, CustomerChangeKinds.FieldSet, new { field, value });
    }

    /// <summary>
    /// Addresses the nudges <paramref name="decision"/> raised, taken at <paramref name="now"/> on the event
    /// <paramref name="eventId"/> (if any): to the staff member an action names, else the owner, else the unassigned
    /// queue (staff id ""), each with its explanation and its expiry under <paramref name="playbook"/>.
    /// </summary>
    public void AddRaised(Decision decision, CompiledPlaybook playbook, CustomerProfile profile, string? eventId, DateTimeOffset now)
    {
        var created = DateTimeOffset.UtcNow;
        foreach (var c in decision.Raised)
        {
            var addressee = c.Nudge.To ?? profile.OwnerStaffId ?? "";
            Nudges.Add(new NudgeRow(tenant, c.Nudge.Id, addressee, customerId, eventId, c.Nudge.Kind, c.Nudge.Title, c.Nudge.Text,
                c.Nudge.Reason, c.Nudge.Priority, created)
            {
                FollowsOwner = c.Nudge.To is null,
                Suggested = c.Nudge.Suggested,
                Explanation = decision.Explain(c),
                Source = c.Nudge.Source,
                ExpiresAt = Instants.Plus(c.Nudge.Since == default ? now : c.Nudge.Since, c.Nudge.ExpiresAfter ?? playbook.Contact.NudgeExpiry),
                CustomerName = profile.DisplayName,
                Variant = c.Nudge.Variant,
                // The day it was raised, as its created_at (and the time to act measured from it): not the day of a late event.
                RaisedDay = DateOnly.FromDateTime(TimeZones.ToLocal(created, playbook.DefaultZone)),
            });
        }
    }

    /// <summary>A staff member set (or, with null, cleared) a custom field by hand.</summary>
    public void FieldSetByHand(DateTimeOffset at, string field, string? value, string staffId) =>
        Change(at, CustomerChangeKinds.FieldSet, new { field, value, by = "staff:" + staffId });

    private NudgeCreditRow Row(NudgeCredit c) =>
        new(tenant, c.NudgeId, c.Outcome == NudgeOutcome.Ordered ? "ordered" : "replied", c.At, c.Amount, c.Currency);

    /// <summary>Moves the open nudges addressed by name to <paramref name="from"/> to <paramref name="to"/> (a handover).</summary>
    public void HandedOver(string from, string to)
    {
        MovesOpenNudges = true;
        Handover = (from, to);
    }

    /// <summary>Records the owner change for the timeline (<paramref name="how"/>: assigned, follower, fallback, handover, departure) and moves the open nudges that follow the owner.</summary>
    public void OwnerChanged(DateTimeOffset at, string? from, string to, string how)
    {
        MovesOpenNudges = true;
        Change(at, CustomerChangeKinds.OwnerChanged, new { from, to, how });
    }

    /// <summary>The customer was lost (every relationship ended) or regained: <paramref name="from"/> and <paramref name="to"/> are CustomerStatus names.</summary>
    public void StatusChanged(DateTimeOffset at, string from, string to) => Change(at, CustomerChangeKinds.StatusChanged, new { from, to });

    private void Change(DateTimeOffset at, string kind, object detail) =>
        Changes.Add(new CustomerChangeRow(tenant, customerId, at, kind, JsonSerializer.Serialize(detail)));
}
