namespace PrivateDomainGrains.LoadTest.Accounting;

/// <summary>What one tenant of a multi-tenant run recorded, in its own ids (customers <c>c-N</c>, staff <c>staff-N</c>, consoles from 0).</summary>
public sealed record TenantRecord(
    IReadOnlyList<SentEvent> Events,
    IReadOnlyDictionary<string, string> Owners,
    IReadOnlySet<string> StaffWithConsoles,
    IReadOnlyList<NudgeArrival> Arrivals,
    int Consoles);

/// <summary>Several tenants' records as one, for the single-tenant accounting (<see cref="NudgeReconciler"/>, <see cref="Timeline"/>).</summary>
public sealed record MergedTenants(
    IReadOnlyList<SentEvent> Events,
    IReadOnlyDictionary<string, string> Owners,
    IReadOnlySet<string> StaffWithConsoles,
    IReadOnlyList<NudgeArrival> Arrivals);

/// <summary>
/// Merges tenants whose ids repeat from one to the next (each tenant's generator and roster start at c-0, staff-0 and
/// console 0) into one set of records: every customer, staff, event and nudge id gets its tenant's prefix <c>tN/</c>
/// and console indexes follow on from the previous tenant's, so a nudge can only match its own tenant's event and
/// console. Events come out in due-time order (each tenant's own order kept), as the reconciler expects.
/// </summary>
public static class TenantMerge
{
    public static string Prefix(int tenant) => $"t{tenant}/";

    public static MergedTenants Merge(IReadOnlyList<TenantRecord> tenants)
    {
        var events = new List<(SentEvent Event, int Tenant, int Order)>();
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var staff = new HashSet<string>(StringComparer.Ordinal);
        var arrivals = new List<NudgeArrival>();
        var consoleOffset = 0;
        for (var t = 0; t < tenants.Count; t++)
        {
            var tenant = tenants[t];
            var p = Prefix(t);
            string? Id(string? id) => id is null ? null : p + id;
            for (var i = 0; i < tenant.Events.Count; i++)
            {
                var e = tenant.Events[i];
                events.Add((e with { EventId = p + e.EventId, CustomerId = p + e.CustomerId, StaffId = Id(e.StaffId) }, t, i));
            }
            foreach (var (customer, owner) in tenant.Owners) owners[p + customer] = p + owner;
            foreach (var s in tenant.StaffWithConsoles) staff.Add(p + s);
            foreach (var a in tenant.Arrivals)
                arrivals.Add(a with
                {
                    NudgeId = p + a.NudgeId, EventId = Id(a.EventId), NudgeStaffId = Id(a.NudgeStaffId), ConsoleStaffId = p + a.ConsoleStaffId,
                    ConsoleIndex = consoleOffset + a.ConsoleIndex, CustomerId = Id(a.CustomerId),
                });
            consoleOffset += tenant.Consoles;
        }
        var ordered = events.OrderBy(e => e.Event.DueTicks).ThenBy(e => e.Tenant).ThenBy(e => e.Order).Select(e => e.Event).ToArray();
        return new MergedTenants(ordered, owners, staff, arrivals.OrderBy(a => a.ArrivedTicks).ToArray());
    }
}
