using Microsoft.Extensions.Options;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// Where customer grains load from (group read: snapshot, unfolded journal tail and due time of hundreds of customers
/// per round trip), look up the events their journal already holds, and commit to (group commit), with the snapshot
/// policy of <see cref="CustomerGrainOptions"/>.
/// </summary>
public sealed class CustomerStore(CustomerLoader loader, EventJournal journal, GroupCommitWriter writer, CustomerMerges merges, IOptions<CustomerGrainOptions> options)
{
    public Task<CustomerLoad> LoadAsync(string tenant, string customerId) => loader.LoadAsync(tenant, customerId);

    /// <summary>Merges of customers and their undo, each its own transaction (<see cref="CustomerMerges"/>).</summary>
    public CustomerMerges Merges => merges;

    /// <summary>A unit of work for one activation of the customer.</summary>
    internal CustomerCommits Commits(string tenant, string customerId) =>
        new(tenant, customerId, writer, options.Value.SnapshotEveryEvents);

    /// <summary>The admission of one ingest call's events by the customer.</summary>
    internal CustomerIngest Admission(string tenant, string customerId, CustomerEvent[] events, bool backfill) =>
        new(journal, tenant, customerId, events, backfill);
}
