using PrivateDomainGrains.Abstractions.Nudges;
using PrivateDomainGrains.Grains.Staff;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// What customer grains tell the rest of the silo once storage holds it: the nudges a commit raised or moved go to their
/// staff members' consoles (<see cref="NudgeDispatcher"/>), the ones it closed or moved away come off them, and the
/// figures count them and the resident customers (<see cref="CustomerMetrics"/>).
/// </summary>
public sealed class CustomerPublisher(NudgeDispatcher dispatcher, CustomerMetrics metrics)
{
    /// <summary>A customer grain came into memory.</summary>
    internal void Activated() => metrics.Activated();

    /// <summary>A customer grain left memory.</summary>
    internal void Deactivated() => metrics.Deactivated();

    /// <summary>
    /// Pushes the nudges that <paramref name="result"/> found new or moved to their staff members' consoles, and tells
    /// the consoles of the nudges that closed or moved away; <paramref name="pending"/> is what was committed.
    /// </summary>
    internal void Committed(string tenant, PendingWrites pending, WriteResult result)
    {
        // A held-out decision is stored for the test's record, never shown.
        var fresh = pending.Nudges.FindAll(n => !n.HeldOut && result.InsertedNudgeIds.Contains(n.NudgeId));
        metrics.Raised(tenant, fresh);
        if (fresh.Count > 0) Deliver(fresh);
        Readdressed(tenant, result.MovedNudges);
        if (result.ClosedNudges.Count > 0)
        {
            var how = pending.Closes.ToDictionary(c => c.NudgeId, c => c.How, StringComparer.Ordinal);
            foreach (var closed in result.ClosedNudges.GroupBy(c => how[c.NudgeId])) metrics.Closed(tenant, closed.Key, closed.Count());
            dispatcher.PostChanges(tenant, result.ClosedNudges.Where(c => c.StaffId.Length > 0).Select(c => (c.StaffId, NudgeChange.Closing(c.NudgeId, how[c.NudgeId]))));
        }
    }

    /// <summary>Open nudges a commit, a merge or an undo gave another staff member: onto their consoles, and off the previous one's.</summary>
    internal void Readdressed(string tenant, IReadOnlyList<NudgeRow> nudges)
    {
        if (nudges.Count == 0) return;
        Deliver([.. nudges]);
        dispatcher.PostChanges(tenant, nudges.Where(n => n.PreviousStaffId is { Length: > 0 })
            .Select(n => (n.PreviousStaffId!, NudgeChange.Closing(n.NudgeId, NudgeChange.Moved))));
    }

    /// <summary>The open nudges of a customer whose personal data was erased come off their staff members' consoles.</summary>
    internal void Erased(string tenant, IReadOnlyList<(string NudgeId, string StaffId)> openNudges) =>
        dispatcher.PostChanges(tenant, openNudges.Where(n => n.StaffId.Length > 0).Select(n => (n.StaffId, NudgeChange.Closing(n.NudgeId, NudgeChange.Erased))));

    /// <summary>Pushes nudges to their staff members; those in the unassigned queue wait there to be read.</summary>
    private void Deliver(List<NudgeRow> nudges) => dispatcher.Post(nudges.Where(n => n.StaffId.Length > 0).Select(n => n.ToNudge()));
}
