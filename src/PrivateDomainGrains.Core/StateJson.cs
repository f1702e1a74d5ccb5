using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Core;

/// <summary>
/// How grain state is stored as JSON: the explicit property names declared on the state types, nulls left out.
/// It lives in the core so the core's tests and benchmarks read and write exactly what the grains store.
/// </summary>
public static class StateJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
