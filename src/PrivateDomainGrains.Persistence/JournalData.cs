using System.Text.Json;

namespace PrivateDomainGrains.Persistence;

/// <summary>The event's <c>data</c> fields as stored in the journal's jsonb column.</summary>
internal static class JournalData
{
    /// <summary>The fields as UTF-8 JSON, what the jsonb parameter sends as is (a string would be encoded again); null for none.</summary>
    public static byte[]? ToJson(IReadOnlyDictionary<string, string>? data) =>
        data is null || data.Count == 0 ? null : JsonSerializer.SerializeToUtf8Bytes(data);

    public static Dictionary<string, string>? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}
