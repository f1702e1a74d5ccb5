using Microsoft.Extensions.Options;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Customers;

/// <summary>
/// Where customer grains load from (group read: snapshot, unfolded journal tail and due time of hundreds of customers
/// per round trip) and commit to (group commit), with the snapshot policy of <see cref="CustomerGrainOptions"/>.
/// </summary>
public sealed class CustomerStore(CustomerLoader loader, GroupCommitWriter writer, CustomerMerges merges, IOptions<CustomerGrainOptions> options)
{
    public Task<CustomerLoad> LoadAsync(string tenant, string customerId) => loader.LoadAsync(tenant, customerId);

    /// <summary>Merges of customers and their undo, each its own transaction (<see cref="CustomerMerges"/>).</summary>
    public CustomerMerges Merges => merges;

    /// <summary>A unit of work for one activation of the customer.</summary>
    internal CustomerCommits Commits(string tenant, string customerId) =>
        new(tenant, customerId, writer, options.Value.SnapshotEveryEvents);
}
