using System.Text.Json;
using PrivateDomainGrains.Core;

namespace PrivateDomainGrains.Grains.Storage;

/// <summary>
/// How state is written to storage: <see cref="StateJson"/> (explicit property names, no .NET type names), so renaming
/// a class cannot break activation and rows stay readable with plain SQL.
/// </summary>
public static class StorageJson
{
    public static byte[] Write<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, StateJson.Options);

    public static T Read<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, StateJson.Options)!;
}
