using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Grains.Identities;
using PrivateDomainGrains.Host.Retention;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Hands a parsed batch to the customer grains, one call per customer (and mode), all customers at once, and gathers
/// their fates: accepted, duplicate, or a conflict (409: the id is the tenant's for another event), counted in
/// <see cref="IngestionMetrics"/>. Events named by identities are resolved to their customers first, or wait in the
/// pending pool (<see cref="IdentityResolver"/>); the identities the request added then attach the pool's events that
/// waited for them (<see cref="PendingAttacher"/>).
/// </summary>
public sealed class EventIngestion(IGrainFactory grains, GrainReferences<ICustomerGrain> customers, IngestionMetrics metrics, IdentityResolver identities, PendingAttacher attacher,
    TenantJournalRetention retention)
{
    public async Task<EventBatchResponse> IngestAsync(string tenant, EventBatchParser.Parsed batch)
    {
        var errors = batch.Errors.ToList();
        metrics.Refused(tenant, "invalid", errors.Count);
        var kept = await RejectBeforeRetentionAsync(tenant, batch.Valid, errors);
        metrics.Refused(tenant, "before-retention", batch.Valid.Count - kept.Count);
        var known = await RejectUnknownStaffAsync(tenant, kept, errors);
        metrics.Refused(tenant, "unknown-staff", kept.Count - known.Count);
        var resolved = await identities.ResolveAsync(tenant, batch, known, errors);
        var valid = resolved.Events;

        var calls = valid
            .GroupBy(v => (v.Event.CustomerId, Backfill: batch.Backfilled.Contains(v.Index)))
            .Select(async call =>
            {
                var items = call.ToList();
                var grain = customers.For(tenant, call.Key.CustomerId);
                var outcome = await grain.IngestAsync(items.Select(i => i.Event).ToArray(), call.Key.Backfill);
                var conflicts = Enumerable.Range(0, items.Count).Where(i => outcome.Conflicts?[i] is not null)
                    .Select(i => new EventError(items[i].Index, items[i].Event.Id, [$"'id' {outcome.Conflicts![i]}"], StatusCodes.Status409Conflict))
                    .ToList();
                // A customer all of whose events were refused (its data erased, say) stored nothing: nothing waits for an owner.
                var unowned = outcome.Owner is null && conflicts.Count < items.Count ? call.Key.CustomerId : null;
                return (Accepted: outcome.Accepted.Count(a => a), Conflicts: conflicts, Unowned: unowned);
            })
            .ToList();
        (int Accepted, List<EventError> Conflicts, string? Unowned)[] results;
        try
        {
            results = await Task.WhenAll(calls);
        }
        catch
        {
            metrics.Refused(tenant, "failed", valid.Count);
            throw;
        }
        var accepted = results.Sum(r => r.Accepted);
        var conflicts = results.SelectMany(r => r.Conflicts).ToList();
        errors.AddRange(conflicts);
        var duplicates = valid.Count - accepted - conflicts.Count + resolved.PoolDuplicates;
        metrics.Refused(tenant, "conflict", conflicts.Count);
        metrics.Ingested(tenant, accepted, duplicates);
        var attached = await attacher.AttachByIdentitiesAsync(tenant, valid.SelectMany(v => EventIdentities.Of(v.Event)));
        return new EventBatchResponse(accepted, duplicates, errors.Count, errors.OrderBy(e => e.Index).ToList())
        {
            Unowned = [.. results.Select(r => r.Unowned).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Resolved = resolved.Resolutions,
            Pooled = resolved.Pooled,
            AttachedFromPool = attached.Count(a => a.Attached),
        };
    }

    /// <summary>
    /// An event older than the tenant's journal retention is refused (400 naming <c>at</c>): the journal may already have
    /// dropped it, and then a resend could not be told from a new event and would be counted twice.
    /// </summary>
    private async Task<IReadOnlyList<(int Index, CustomerEvent Event)>> RejectBeforeRetentionAsync(
        string tenant, IReadOnlyList<(int Index, CustomerEvent Event)> events, List<EventError> errors)
    {
        if (events.Count == 0 || await retention.KeepsFromAsync(tenant) is not { } keepsFrom) return events;
        var kept = new List<(int, CustomerEvent)>(events.Count);
        foreach (var (index, e) in events)
        {
            if (e.At >= keepsFrom) kept.Add((index, e));
            else errors.Add(EventError.Invalid(index, e.Id, [new FieldError("at", EventPhrases.BeforeRetention.Say(keepsFrom, tenant))]));
        }
        return kept;
    }

    private async Task<List<(int Index, CustomerEvent Event)>> RejectUnknownStaffAsync(
        string tenant, IReadOnlyList<(int Index, CustomerEvent Event)> events, List<EventError> errors)
    {
        var unknown = await UnknownStaffAsync(grains, tenant, events.Select(e => e.Event));
        var known = new List<(int, CustomerEvent)>(events.Count);
        foreach (var (index, e) in events)
        {
            if (unknown.TryGetValue(e, out var error)) errors.Add(EventError.Invalid(index, e.Id, [error]));
            else known.Add((index, e));
        }
        return known;
    }

    /// <summary>
    /// The rule of events that needs the tenant, after <see cref="EventValidator"/>: an event may only name staff of its
    /// own tenant (an unknown staff id would make an owner nobody can sign in as). The events naming someone else, each
    /// with its <c>staffId</c> error; empty when all are fine. Ingestion and the playbook dry run both check with it.
    /// </summary>
    public static async Task<Dictionary<CustomerEvent, FieldError>> UnknownStaffAsync(IGrainFactory grains, string tenant, IEnumerable<CustomerEvent> events)
    {
        var unknown = new Dictionary<CustomerEvent, FieldError>(ReferenceEqualityComparer.Instance);
        var named = events.Where(e => e.StaffId is not null).ToList();
        if (named.Count == 0) return unknown;
        var staff = (await grains.GetGrain<ITenantGrain>(tenant).GetStaffIdsAsync()).ToHashSet(StringComparer.Ordinal);
        foreach (var e in named)
            if (!staff.Contains(e.StaffId!)) unknown[e] = new FieldError("staffId", EventPhrases.UnknownStaff.Say(e.StaffId, tenant));
        return unknown;
    }
}
