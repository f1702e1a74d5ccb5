using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Storage;

/// <summary>
/// The customer directory through group commit on real PostgreSQL: whole rows, and activity-only rows (open nudges and
/// last interaction) that change the customer's narrow activity row and leave the directory row as it was.
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

    [Fact]
    public async Task An_activity_row_writes_no_new_version_of_the_wide_directory_row_so_none_of_its_indexes_is_touched()
    {
        await Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-narrow", "zhao", 0)] });
        var version = await VersionAsync("dir-narrow", "zhao");

        await Writer.WriteAsync(new WriteRequest { Directory = [DirectoryRow.Activity("dir-narrow", "zhao", Now.AddMinutes(7), 2)] });

        Assert.Equal(version, await VersionAsync("dir-narrow", "zhao"));
        var row = Assert.Single(await ListAsync("dir-narrow", new DirectoryFilter(["alice"], HasOpenNudges: true)));
        Assert.Equal((Now.AddMinutes(7), 2), (row.LastInteractionAt, row.OpenNudges));
    }

    [Fact]
    public async Task A_whole_row_with_a_new_owner_moves_the_customer_to_the_new_owners_list_in_order_of_activity()
    {
        await Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-owner", "sun", 0), Whole("dir-owner", "qian", 0) with { Owner = "bob" }] });
        await Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-owner", "sun", 1) with { Owner = "bob", LastInteractionAt = Now.AddMinutes(1) }] });

        Assert.Empty(await ListAsync("dir-owner", new DirectoryFilter(["alice"])));
        Assert.Equal(["sun", "qian"], (await ListAsync("dir-owner", new DirectoryFilter(["bob"]))).Select(r => r.CustomerId));
    }

    [Fact]
    public async Task Tags_with_quotes_backslashes_commas_and_braces_are_stored_as_given_and_no_tags_as_none()
    {
        string[] tags = ["VIP", "say \"hi\"", @"back\slash", "a,b", "{braces}", "老客户", ""];
        await Writer.WriteAsync(new WriteRequest { Directory = [Whole("dir-tags", "zhou", 0) with { Tags = tags }, Whole("dir-tags", "wu", 0) with { Tags = [] }] });

        var rows = (await ListAsync("dir-tags", new DirectoryFilter(["alice"]))).ToDictionary(r => r.CustomerId);
        Assert.Equal(tags, rows["zhou"].Tags);
        Assert.Empty(rows["wu"].Tags);
    }

    /// <summary>The directory row's physical version (xmin: the transaction that wrote it); an update of any column changes it.</summary>
    private Task<string> VersionAsync(string tenant, string customerId) =>
        fixture.ScalarAsync<string>($"SELECT xmin::text FROM pdg_customer_directory WHERE tenant = '{tenant}' AND customer_id = '{customerId}'");

    private async Task<List<DirectoryRow>> ListAsync(string tenant, DirectoryFilter filter) => (await Directory.ListAsync(tenant, filter, null, 10)).Rows;
}
