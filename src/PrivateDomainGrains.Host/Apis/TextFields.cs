using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host;

/// <summary>Free-text fields of requests (names, titles): at most a given length as a person counts it (<see cref="TextElements"/>) and storable (<see cref="StorableText"/>).</summary>
public static class TextFields
{
    /// <summary>A 400 naming <paramref name="field"/>, or null when <paramref name="value"/> (null is fine) may be stored.</summary>
    public static ProblemHttpResult? Problem(string field, string? value, int maxLength) =>
        Error(field, value, maxLength) is { } error ? Problems.BadRequest(field, error) : null;

    /// <summary>What is wrong with <paramref name="field"/>'s <paramref name="value"/> (null is fine), for a route that reports every field at once.</summary>
    public static string? Error(string field, string? value, int maxLength)
    {
        if (value is null) return null;
        if (!TextElements.Fit(value, maxLength)) return ApiPhrases.FieldTooLong.Say(field, maxLength);
        return StorableText.Problem(value) is { } problem ? $"'{field}' {problem}" : null;
    }
}
