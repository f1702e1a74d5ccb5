namespace PrivateDomainGrains.Abstractions.Tenants;

/// <summary>A snapshot of a tenant's propensity model as its JSON (the Core model's own serialized form).</summary>
[GenerateSerializer, Immutable, Alias("pdg.PropensityModelDocument")]
public sealed record PropensityModelDocument(
    [property: Id(0)] long Version,
    [property: Id(1)] string Json)
{
    /// <summary>Pass as the known version to <see cref="ITenantLearningGrain.GetModelAsync"/> to always get the model.</summary>
    public const long NoVersion = -1;
}
