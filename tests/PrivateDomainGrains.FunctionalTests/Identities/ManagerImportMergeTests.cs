using System.Text;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Identities;

/// <summary>
/// A manager's import names only their team's customers, and its refusals tell nothing of others: a row naming a
/// customer merged into another team's customer is refused as an unknown customer would be, echoing the id the row
/// named, never the survivor's.
/// </summary>
public sealed class ManagerImportMergeTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private PlatformNode _node = null!;
    private PlatformClient _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _node = await PlatformNode.StartAsync(NodeSettings.Fresh(_database.ConnectionString, "import-merge"));
        _api = new PlatformClient(_node.BaseAddress);
        await _api.ProvisionAsync("import-merge");
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("alice", PlatformClient.StaffPassword, "Alice", Team: "north"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("carol", PlatformClient.StaffPassword, "Carol", Team: "south"));
        await _api.Api.Staff.CreateAsync(new CreateStaffRequest("mnorth", PlatformClient.StaffPassword, "North", Role: "manager", Team: "north"));
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _node.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_row_naming_a_customer_merged_into_another_teams_customer_is_refused_as_unknown_naming_the_id_the_row_gave()
    {
        // c7 was alice's (north); merged into c8, carol's (south).
        await _api.PostEventsAsync(Events.FriendAdded("im-c7", "c7", "alice"), Events.FriendAdded("im-c8", "c8", "carol"), Events.FriendAdded("im-c9", "c9", "alice"));
        await _api.Api.Customers.MergeAsync("c8", "c7");
        var manager = _api.Api.WithConsoleToken(await _api.ConsoleTokenAsync("mnorth"));

        var started = await manager.Identities.StartMyImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("customerId,kind,value\nc7,phone,13700137555\nc9,phone,13700137556\n")), "text/csv");
        var job = await IdentityImportTests.CompletedAsync(_api.Api.Identities, started.JobId);

        Assert.Equal((1L, 1L), (job.Added, job.Refused));
        var refused = Assert.Single((await manager.Identities.ListMyImportRowsAsync(started.JobId, state: "refused")).Items);
        Assert.Equal(("c7", "customerId"), (refused.CustomerId, refused.Field));
        Assert.Equal("customer 'c7' does not exist or is not one of your team's customers", refused.Reason);
        Assert.Null(await _api.Api.Identities.LookupAsync("phone", "13700137555"));
        Assert.Equal("c9", (await _api.Api.Identities.LookupAsync("phone", "13700137556"))!.CustomerId);
    }
}
