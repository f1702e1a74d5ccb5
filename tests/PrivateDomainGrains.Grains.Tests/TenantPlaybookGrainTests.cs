using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Playbooks;

namespace PrivateDomainGrains.Grains.Tests;

public sealed class TenantPlaybookGrainTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    /// <summary>A valid playbook with one rule on a custom event; the version it claims is not the server's.</summary>
    public static string CouponPlaybook(string ruleId = "coupon") => $$"""
        {
          "version": 42,
          "timeZone": "Asia/Shanghai",
          "rules": [
            { "id": "{{ruleId}}", "trigger": { "kind": "event", "event": "x.coupon.viewed" },
              "actions": [ { "kind": "nudge", "nudgeKind": "coupon", "title": "Coupon for {name}", "script": "Offer the coupon" } ] }
          ]
        }
        """;

    private ITenantPlaybookGrain Playbook(string tenant) => fixture.Grains.GetGrain<ITenantPlaybookGrain>(tenant);

    [Fact]
    public async Task A_tenant_that_never_stored_a_playbook_runs_the_default_as_version_0()
    {
        var document = await Playbook("pb-default").GetAsync();

        Assert.Equal((0, null), (document.Version, document.UpdatedAt));
        var playbook = PlaybookJson.Parse(document.Json);
        Assert.Equal("pb-default", playbook.TenantId);
        Assert.Equal(DefaultPlaybook.Create().Rules.Select(r => r.Id), playbook.Rules.Select(r => r.Id));
        Assert.Equal(0, await Playbook("pb-default").GetVersionAsync());
    }

    [Fact]
    public async Task Every_accepted_put_is_the_next_version_and_the_server_sets_version_and_tenant()
    {
        var grain = Playbook("pb-versions");

        var first = await grain.PutAsync(CouponPlaybook());
        var second = await grain.PutAsync(CouponPlaybook("coupon-2"));

        Assert.Equal((1, 2), (first.Version, second.Version));
        var document = await grain.GetAsync();
        Assert.Equal(2, document.Version);
        Assert.NotNull(document.UpdatedAt);
        var stored = PlaybookJson.Parse(document.Json);
        Assert.Equal((2, "pb-versions", "coupon-2"), (stored.Version, stored.TenantId, stored.Rules.Single().Id));
        Assert.Equal(2, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task A_refused_put_lists_every_error_by_path_and_stores_nothing()
    {
        var grain = Playbook("pb-refused");
        await grain.PutAsync(CouponPlaybook());

        var result = await grain.PutAsync("""
            {
              "tenantId": "someone-else",
              "timeZone": "Mars/Olympus",
              "rules": [ { "id": "r1", "trigger": { "kind": "sometimes" }, "actions": [ { "kind": "nudge", "nudgeKind": "n", "script": "hi" } ] } ]
            }
            """);

        Assert.False(result.Accepted);
        Assert.Equal(["$.rules[0].actions[0].title", "$.rules[0].trigger.kind", "$.tenantId", "$.timeZone"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(1, await grain.GetVersionAsync());
    }

    [Fact]
    public async Task Malformed_json_is_refused_with_where_it_breaks()
    {
        var result = await Playbook("pb-malformed").PutAsync("""{ "rules": [ { "priority": "high" } ] }""");

        Assert.Equal("$.rules[0].priority", Assert.Single(result.Errors).Path);
        Assert.Equal(0, await Playbook("pb-malformed").GetVersionAsync());
    }
}
