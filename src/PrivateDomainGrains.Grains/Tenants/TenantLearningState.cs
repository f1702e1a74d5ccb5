using System.Text.Json.Serialization;
using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Grains.Tenants;

/// <summary>Persisted propensity model. JSON names are the storage contract (the model's own names inside).</summary>
public sealed class TenantLearningState
{
    [JsonPropertyName("model")] public PropensityModel Model { get; set; } = new();
}
