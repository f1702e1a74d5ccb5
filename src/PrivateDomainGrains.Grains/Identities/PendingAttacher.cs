using Microsoft.Extensions.Logging;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Identities;

/// <summary>
/// Takes events out of the pending pool into their customers, exactly as if they had arrived with a customer id (the
/// customer grain journals them, folds them, raises their nudges). An event goes to a customer automatically when the
/// identities it carries now all lead to that one customer, or when a person picks the customer. The pool row is
/// settled after the grain has the event: a crash in between leaves it pending, and taking it again is a duplicate
/// in the journal, so an event is attached once.
/// </summary>
public sealed class PendingAttacher(IGrainFactory grains, IdentityIndex index, IdentityPendingPool pool, ILogger<PendingAttacher> logger)
{
    /// <summary>What attaching one pool event did: <c>attached</c>, or <c>conflict</c> (its id is another event's in the journal).</summary>
    public sealed record Attachment(string EventId, string CustomerId, bool Attached, string? Problem);

    /// <summary>
    /// Attaches the pending events that carry any of <paramref name="identities"/> (just added to customers) to the
    /// customer their identities lead to; an event whose identities lead to two customers stays for a person. Events
    /// attached this way can carry further identities: their events are attached too (a few rounds at most).
    /// </summary>
    public async Task<List<Attachment>> AttachByIdentitiesAsync(string tenant, IEnumerable<CustomerIdentity> identities, CancellationToken ct = default)
    {
        var done = new List<Attachment>();
        var keys = identities.Where(i => i.IsStrong).Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round < 3 && keys.Count > 0; round++)
        {
            var pending = await pool.FindPendingAsync(tenant, keys, ct);
            if (pending.Count == 0) break;
            var carried = pending.SelectMany(p => EventIdentities.Of(p.Event).Where(i => i.IsStrong)).Distinct().ToList();
            var holders = await index.FindAsync(tenant, carried, ct);
            keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in pending)
            {
                var customers = EventIdentities.Of(row.Event).Where(holders.ContainsKey).Select(i => holders[i]).Distinct().ToList();
                if (customers.Count != 1) continue;
                var matched = EventIdentities.Of(row.Event).Where(holders.ContainsKey).OrderBy(i => i.Priority).First();
                var attachment = await AttachAsync(row, customers[0], "identity:" + matched.Key, ct);
                done.Add(attachment);
                if (attachment.Attached) keys.UnionWith(EventIdentities.Of(row.Event).Where(i => i.IsStrong && !holders.ContainsKey(i)).Select(i => i.Key));
            }
        }
        return done;
    }

    /// <summary>
    /// Ingests the pool event into <paramref name="customerId"/> and settles it as attached (<paramref name="settledBy"/>:
    /// <c>identity:kind=value</c> or <c>api</c>). An event id the journal holds for another event stays pending, reported.
    /// </summary>
    public async Task<Attachment> AttachAsync(PendingEventRow row, string customerId, string settledBy, CancellationToken ct = default)
    {
        var grain = grains.GetGrain<ICustomerGrain>(GrainKeys.For(row.Tenant, customerId));
        var outcome = await grain.IngestAsync([row.Event with { CustomerId = customerId }], row.Backfill);
        if (outcome.Conflicts?[0] is { } conflict)
        {
            logger.LogWarning("Pending event {EventId} of {Tenant} could not be attached to {CustomerId}: its id {Conflict}", row.Event.Id, row.Tenant, customerId, conflict);
            return new(row.Event.Id, customerId, false, $"'id' {conflict}");
        }
        await pool.SettleAsync(row.Tenant, row.Event.Id, PendingEventRow.Attached, customerId, settledBy, ct);
        logger.LogInformation("Pending event {EventId} of {Tenant} attached to {CustomerId} ({SettledBy})", row.Event.Id, row.Tenant, customerId, settledBy);
        return new(row.Event.Id, customerId, true, null);
    }
}
