using System.Text.Json;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;

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
            problems.Add(new(Field, EventPhrases.IdentitiesObject.Say()));
            return null;
        }
        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var kind = Safe(() => property.Name);
            if (kind is null)
            {
                problems.Add(new(Field, EventPhrases.IdentityKindNotUnicode.Say()));
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problems.Add(new($"{Field}.{kind}", EventPhrases.NotAString.Say()));
                continue;
            }
            if (Safe(() => property.Value.GetString()) is { } text) identities[kind] = text;
            else problems.Add(new($"{Field}.{kind}", IdentityPhrases.NotUnicode.Say()));
        }
        if (identities.Count == 0 && problems.Count == 0) problems.Add(new(Field, EventPhrases.NoIdentity.Say()));
        if (identities.Count > MaxPerEvent) problems.Add(new(Field, EventPhrases.TooManyIdentities.Say(MaxPerEvent)));
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
