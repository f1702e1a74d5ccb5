using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrivateDomainGrains.Grains.Storage;

/// <summary>
/// How state is written to storage: compact System.Text.Json with the explicit property names declared on the state
/// types and no .NET type names, so renaming a class cannot break activation and rows stay readable with plain SQL.
/// </summary>
public static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, Options)!;
}
