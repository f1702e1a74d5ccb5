using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Tenants;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>What the tenant's propensity model has learned from nudge outcomes (integration key).</summary>
public static class LearningApi
{
    /// <summary>One action in one segment (<c>*</c>: all customers): outcomes seen and the success rate decisions assume.</summary>
    public sealed record ArmView(string Action, string Segment, double Successes, double Failures, double PosteriorMean);
    public sealed record LearningView(long Version, IReadOnlyList<ArmView> Arms);

    public static RouteGroupBuilder MapLearningApi(this RouteGroupBuilder api)
    {
        var learning = api.MapGroup("/tenants/{tenant}/learning").WithTags("Learning").RequireIntegrationKey();
        learning.MapGet("", GetAsync).WithName("GetLearning")
            .WithSummary("What the tenant's propensity model has learned: successes, failures and posterior mean per action and segment.");
        return api;
    }

    private static async Task<Ok<LearningView>> GetAsync(string tenant, IGrainFactory grains)
    {
        var document = await grains.GetGrain<ITenantLearningGrain>(tenant).GetModelAsync(PropensityModelDocument.NoVersion);
        var model = JsonSerializer.Deserialize<PropensityModel>(document!.Json)!;
        var arms = model.ObservedArms()
            .OrderBy(a => a.Action, StringComparer.Ordinal).ThenBy(a => a.Segment, StringComparer.Ordinal)
            .Select(a => new ArmView(a.Action, a.Segment, a.Arm.Successes, a.Arm.Failures, model.Mean(a.Action, a.Segment)))
            .ToList();
        return TypedResults.Ok(new LearningView(model.Version, arms));
    }
}
