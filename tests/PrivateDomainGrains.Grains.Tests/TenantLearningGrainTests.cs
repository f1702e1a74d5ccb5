using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Grains.Storage;

namespace PrivateDomainGrains.Grains.Tests;

public sealed class TenantLearningGrainTests(GrainTestCluster fixture) : IClassFixture<GrainTestCluster>
{
    private ITenantLearningGrain Learning(string tenant) => fixture.Grains.GetGrain<ITenantLearningGrain>(tenant);

    [Fact]
    public async Task Outcomes_it_does_not_know_are_skipped()
    {
        await Learning("ln-unknown").RecordAsync([new("coupon", "Repeat", "Exploded", "n1"), new("coupon", "Repeat", "7", "n2"), new("coupon", "Repeat", "Replied", "n3")]);

        Assert.Equal(1, await Learning("ln-unknown").GetVersionAsync());
    }

    [Fact]
    public async Task The_model_is_returned_only_to_callers_that_do_not_have_its_version()
    {
        await Learning("ln-versions").RecordAsync([new("coupon", "Repeat", "Replied", "n1"), new("coupon", "Repeat", "Ignored", "n2")]);

        Assert.Null(await Learning("ln-versions").GetModelAsync(knownVersion: 2));
        Assert.Equal(2, (await Learning("ln-versions").GetModelAsync(knownVersion: 1))!.Version);
        Assert.Equal(2, (await Learning("ln-versions").GetModelAsync(PropensityModelDocument.NoVersion))!.Version);
    }

    [Fact]
    public async Task Recorded_outcomes_are_written_behind_to_storage_while_the_grain_stays_active()
    {
        await Learning("ln-stored").RecordAsync([new("coupon", "Repeat", "Ordered", "n1"), new("coupon", "Prospect", "Dismissed", "n2")]);

        var stored = await Eventually.Async(() => StoredAsync("ln-stored"), s => s?["model"]?["version"]?.GetValue<long>() == 2);
        Assert.Equal(1.0, stored!["model"]!["arms"]!["Repeat|coupon"]!["s"]!.GetValue<double>());
    }

    private async Task<JsonNode?> StoredAsync(string tenant)
    {
        var silo = fixture.Cluster.GetSiloServiceProvider();
        await using var command = silo.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE graintypestring = $1 AND grainidextensionstring = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = PlatformStorage.LearningState });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        return await command.ExecuteScalarAsync() is string json ? JsonNode.Parse(json) : null;
    }
}
