using System.Text.Json;

namespace PrivateDomainGrains.Persistence;

/// <summary>The event's <c>data</c> fields as stored in the journal's jsonb column.</summary>
internal static class JournalData
{
    public static string? ToJson(IReadOnlyDictionary<string, string>? data) =>
        data is null || data.Count == 0 ? null : JsonSerializer.Serialize(data);

    public static Dictionary<string, string>? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}
