using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Storage;

/// <summary>
/// The customer directory through group commit on real PostgreSQL: whole rows, and activity-only rows (open nudges and
/// last interaction) that change two columns of a stored row and leave the rest as it was.
/// </summary>
public sealed class DirectoryWritesTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private GroupCommitWriter Writer => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<GroupCommitWriter>();
    private CustomerDirectory Directory => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<CustomerDirectory>();

    private static DirectoryRow Whole(string tenant, string customerId, int openNudges) =>
        new(tenant, customerId, "alice", "林晓雯", "老客户", ["VIP"], "Prospect", "Active", Now, openNudges);

    [Fact]
    public async Task An_activity_row_changes_the_open_nudges_and_last_interaction_and_keeps_the_rest_of_the_stored_row()
    {
        await Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-activity", "li", 1)] });
        await Writer.WriteAsync(new WriteRequest { Directory = [DirectoryRow.Activity("dir-activity", "li", Now.AddMinutes(5), 0)] });

        var row = Assert.Single(await ListAsync("dir-activity", new DirectoryFilter(["alice"], Query: "晓雯")));
        Assert.Equal((Now.AddMinutes(5), 0, "老客户", "VIP"), (row.LastInteractionAt, row.OpenNudges, row.Remark, Assert.Single(row.Tags)));
    }

    [Fact]
    public async Task An_activity_row_queued_after_a_whole_row_of_the_same_customer_applies_on_top_of_it_and_one_for_no_stored_row_writes_nothing()
    {
        // Queued together, the two usually share a flush, where the whole row is not stored yet when the activity is applied.
        await Task.WhenAll(
            Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-fold", "wang", 2)] }),
            Writer.WriteAsync(new WriteRequest { Directory = [DirectoryRow.Activity("dir-fold", "wang", Now.AddMinutes(1), 3)] }),
            Writer.WriteAsync(new WriteRequest { Directory = [DirectoryRow.Activity("dir-fold", "nobody", Now, 1)] }));

        var row = Assert.Single(await ListAsync("dir-fold", new DirectoryFilter(["alice"])));
        Assert.Equal(("wang", Now.AddMinutes(1), 3, "林晓雯"), (row.CustomerId, row.LastInteractionAt, row.OpenNudges, row.DisplayName));
    }

    private async Task<List<DirectoryRow>> ListAsync(string tenant, DirectoryFilter filter) => (await Directory.ListAsync(tenant, filter, null, 10)).Rows;
}
