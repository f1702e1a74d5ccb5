using Microsoft.Extensions.DependencyInjection;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;
using PrivateDomainGrains.Grains.Learning;
using PrivateDomainGrains.Grains.TenantInputs;

namespace PrivateDomainGrains.Grains.Tests;

/// <summary>The silo's in-memory view of tenants' playbooks and models, and the path of learning signals back to them.</summary>
public sealed class TenantDecisionInputsTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{

    private IServiceProvider Silo => fixture.Cluster.GetSiloServiceProvider();
    private ITenantDecisionInputs Inputs => Silo.GetRequiredService<ITenantDecisionInputs>();

    [Fact]
    public async Task A_cached_tenant_is_served_the_same_compiled_playbook_until_a_new_version_is_stored()
    {
        var before = await Inputs.GetAsync("dec-playbook");
        Assert.Equal(0, before.Playbook.Version);
        Assert.Same(before.Playbook, (await Inputs.GetAsync("dec-playbook")).Playbook);

        await fixture.Grains.GetGrain<ITenantPlaybookGrain>("dec-playbook").PutAsync(TenantPlaybookGrainTests.CouponPlaybook());

        var after = await Eventually.Async(() => Inputs.GetAsync("dec-playbook").AsTask(), i => i.Playbook.Version == 1);
        Assert.Equal("coupon", Assert.Single(after.Playbook.ForEvent("x.coupon.viewed")).Id);
        Assert.Empty(after.Playbook.ForEvent("friend.added"));
    }

    [Fact]
    public async Task A_cached_tenant_is_answered_from_memory_without_allocating()
    {
        var inputs = Inputs;
        var cached = await inputs.GetAsync("dec-fast");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            var answer = inputs.GetAsync("dec-fast");
            Assert.True(answer.IsCompletedSuccessfully);
            Assert.Same(cached, await answer); // completed: the await continues at once, allocating nothing
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Signals_posted_to_the_silo_sink_reach_the_tenant_model_and_the_silo_view_of_it()
    {
        var cached = await Inputs.GetAsync("dec-learning");
        Assert.Equal(0, cached.Model.Version);

        Silo.GetRequiredService<ILearningSignalSink>().Post("dec-learning",
        [
            new LearningSignal("coupon", "Repeat", NudgeOutcome.Ordered, "n1"),
            new LearningSignal("coupon", "Repeat", NudgeOutcome.Dismissed, "n2"),
            new LearningSignal("coupon", "Repeat", NudgeOutcome.Replied, "n3"),
        ]);

        var learning = fixture.Grains.GetGrain<ITenantLearningGrain>("dec-learning");
        await Eventually.Async(learning.GetVersionAsync, v => v == 3);
        var view = await Eventually.Async(() => Inputs.GetAsync("dec-learning").AsTask(), i => i.Model.Version == 3);
        Assert.Equal((3.0, 2.0), view.Model.Posterior("coupon", PropensityModel.AllSegments));
    }
}
