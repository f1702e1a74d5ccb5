using System.Text.Json;
using Orleans.Storage;
using PrivateDomainGrains.Core;

namespace PrivateDomainGrains.Grains.Storage;

/// <summary>
/// Grain state as compact System.Text.Json with the explicit property names declared on the state types.
/// Unlike the default serializer it embeds no .NET type names, so renaming a class cannot break activation,
/// and rows stay readable with plain SQL (convert_from(payloadbinary, 'UTF8')).
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T input) => new(JsonSerializer.SerializeToUtf8Bytes(input, StateJson.Options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, StateJson.Options)!;
}
