using System.Text.Json;
using PrivateDomainGrains.Core.Events;

namespace PrivateDomainGrains.Host.Ingestion;

/// <summary>
/// Reads an event's <c>"identities": {"phone": "+86 138 0013 8000", "unionid": "o6_bm..."}</c> as sent (kind to
/// value); normalising and resolving them is <see cref="IdentityResolver"/>'s. Problems are named
/// <c>identities</c> or <c>identities.{kind}</c>.
/// </summary>
public static class IdentityFields
{
    public const string Field = "identities";

    /// <summary>At most this many identities per event.</summary>
    public const int MaxPerEvent = 8;

    /// <summary>The identities, or null when the event has none (absent or null).</summary>
    public static IReadOnlyDictionary<string, string>? Read(JsonElement element, List<FieldError> problems)
    {
        if (!element.TryGetProperty(Field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(Field, "must be a JSON object of kind to value, e.g. {\"phone\":\"13800138000\"}"));
            return null;
        }
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var kind = Safe(() => property.Name);
            if (kind is null)
            {
                problems.Add(new(Field, "has a kind that is not valid Unicode text"));
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add(new($"{Field}.{kind}", "must be a string"));
                continue;
            }
            if (Safe(() => property.Value.GetString()) is { } text) identities[kind] = text;
            else problems.Add(new($"{Field}.{kind}", "is not valid Unicode text"));
        }
        if (identities.Count == 0 && problems.Count == 0) problems.Add(new(Field, "must name at least one identity"));
        if (identities.Count > MaxPerEvent) problems.Add(new(Field, $"may name at most {MaxPerEvent} identities"));
        return identities;
    }

    private static string? Safe(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
