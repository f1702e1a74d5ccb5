using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>Hands a parsed batch to the customer grains, one call per customer, all customers at once.</summary>
public sealed class EventIngestion(IGrainFactory grains, IngestionMetrics metrics)
{
    public async Task<EventBatchResponse> IngestAsync(string tenant, EventBatchParser.Parsed batch)
    {
        var errors = batch.Errors.ToList();
        metrics.Refused(tenant, "invalid", errors.Count);
        var valid = await RejectUnknownStaffAsync(tenant, batch.Valid, errors);
        metrics.Refused(tenant, "unknown-staff", batch.Valid.Count - valid.Count);

        var calls = valid
            .GroupBy(v => v.Event.CustomerId, StringComparer.Ordinal)
            .Select(async customer =>
            {
                var items = customer.ToList();
                var grain = grains.GetGrain<ICustomerGrain>(GrainKeys.For(tenant, customer.Key));
                var outcome = await grain.IngestAsync(items.Select(i => i.Event).ToArray());
                return outcome.Accepted.Count(a => a);
            })
            .ToList();
        int accepted;
        try
        {
            accepted = (await Task.WhenAll(calls)).Sum();
        }
        catch
        {
            metrics.Refused(tenant, "failed", valid.Count);
            throw;
        }
        metrics.Ingested(tenant, accepted, valid.Count - accepted);
        return new EventBatchResponse(accepted, valid.Count - accepted, errors.Count, errors.OrderBy(e => e.Index).ToList());
    }

    /// <summary>An event may only name staff of its own tenant: an unknown staff id would make an owner nobody can sign in as.</summary>
    private async Task<List<(int Index, CustomerEvent Event)>> RejectUnknownStaffAsync(
        string tenant, IReadOnlyList<(int Index, CustomerEvent Event)> events, List<EventError> errors)
    {
        if (events.All(e => e.Event.StaffId is null)) return events.ToList();
        var staff = (await grains.GetGrain<ITenantGrain>(tenant).GetStaffIdsAsync()).ToHashSet(StringComparer.Ordinal);
        var known = new List<(int, CustomerEvent)>(events.Count);
        foreach (var (index, e) in events)
        {
            if (e.StaffId is null || staff.Contains(e.StaffId)) known.Add((index, e));
            else errors.Add(EventError.Invalid(index, e.Id, [new FieldError("staffId", $"'{e.StaffId}' is not a staff member of tenant '{tenant}'")]));
        }
        return known;
    }
}
