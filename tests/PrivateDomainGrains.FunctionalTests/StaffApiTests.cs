using System.Net;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests;

public sealed class StaffApiTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    private PlatformClient Api => platform.Client;

    [Fact]
    public async Task A_manager_is_created_in_a_team_and_role_and_team_can_be_changed_and_cleared()
    {
        var created = await Api.Api.Staff.CreateAsync(new CreateStaffRequest("st-mona", PlatformClient.StaffPassword, "Mona", "manager", "north"));
        Assert.Equal(("manager", "north"), (created.Role, created.Team));

        var moved = await Api.Api.Staff.UpdateAsync("st-mona", new UpdateStaffRequest(Role: "admin", Team: "south"));
        Assert.Equal(("Mona", "admin", "south"), (moved.Name, moved.Role, moved.Team));
        var cleared = await Api.Api.Staff.UpdateAsync("st-mona", new UpdateStaffRequest(Team: ""));
        Assert.Equal(("admin", null), (cleared.Role, cleared.Team));
        Assert.Contains(await Api.Api.Staff.ListAsync(), s => s.StaffId == "st-mona" && s.Role == "admin");
    }

    [Theory]
    [InlineData("""{"role":"boss"}""", "role")]
    [InlineData("""{"team":"bad team"}""", "team")]
    [InlineData("""{"name":"   "}""", "name")]
    public async Task A_bad_change_is_refused_naming_the_field_and_changes_nothing(string body, string field)
    {
        await Api.Api.Staff.CreateAsync(new CreateStaffRequest("st-nick-" + field, PlatformClient.StaffPassword, "Nick"));

        var response = await Api.SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{Api.Tenant}/staff/st-nick-{field}", body, Api.AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"'{field}'", await response.Content.ReadAsStringAsync());
        var unchanged = (await Api.Api.Staff.ListAsync()).Single(s => s.StaffId == "st-nick-" + field);
        Assert.Equal(("Nick", "staff", null), (unchanged.Name, unchanged.Role, unchanged.Team));
    }

    [Fact]
    public async Task Changing_an_unknown_staff_member_is_not_found()
    {
        var response = await Api.SendRawAsync(HttpMethod.Put, $"/api/v1/tenants/{Api.Tenant}/staff/nobody-here", """{"role":"manager"}""", Api.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
