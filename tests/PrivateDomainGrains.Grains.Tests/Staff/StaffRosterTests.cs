using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Abstractions.Tenants;

namespace PrivateDomainGrains.Grains.Tests.Staff;

/// <summary>Staff members have a role and a team; the tenant's roster indexes them, so a manager's team is one call away.</summary>
public sealed class StaffRosterTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private IStaffGrain Staff(string id) => fixture.Grains.GetGrain<IStaffGrain>(GrainKeys.For("roster", id));

    [Fact]
    public async Task Roles_teams_and_disabling_are_kept_by_the_staff_member_and_indexed_in_the_roster()
    {
        await fixture.Grains.GetGrain<ITenantGrain>("roster").CreateAsync("Roster", [1], [2]);
        await Staff("mia").CreateAsync("Mia", "hash", StaffRoles.Manager, "east");
        await Staff("ann").CreateAsync("Ann", "hash", StaffRoles.Staff, "east");
        await Staff("bo").CreateAsync("Bo", "hash");

        Assert.Equal((StaffRoles.Manager, "east"), ((await Staff("mia").GetAsync())!.Role, (await Staff("mia").GetAsync())!.Team));
        var updated = await Staff("bo").UpdateAsync(name: null, role: null, team: "west");
        Assert.Equal(("Bo", StaffRoles.Staff, "west"), (updated!.Name, updated.Role, updated.Team));
        await Staff("ann").DisableAsync();

        Assert.Equal(
            [new RosterEntry("ann", StaffRoles.Staff, "east", true), new RosterEntry("bo", StaffRoles.Staff, "west", false), new RosterEntry("mia", StaffRoles.Manager, "east", false)],
            await fixture.Grains.GetGrain<ITenantGrain>("roster").GetRosterAsync());
        Assert.Null((await Staff("bo").UpdateAsync(null, null, ""))!.Team);
    }
}
