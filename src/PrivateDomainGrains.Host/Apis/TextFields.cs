using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host;

/// <summary>
/// Free-text fields of requests (names, titles, remarks, scripts): at most a given length as a person counts it
/// (<see cref="TextElements"/>), storable (<see cref="StorableText"/>) and plain (<see cref="PlainText"/>: no control or
/// invisible format characters, line breaks and tabs only in multi-line text), as tags and playbook texts are.
/// </summary>
public static class TextFields
{
    /// <summary>A 400 naming <paramref name="field"/>, or null when <paramref name="value"/> (null is fine) may be stored.</summary>
    /// <param name="multiline">True for text of several lines (a script's text): line breaks and tabs are then allowed.</param>
    public static ProblemHttpResult? Problem(string field, string? value, int maxLength, bool multiline = false) =>
        Error(field, value, maxLength, multiline) is { } error ? Problems.BadRequest(field, error) : null;

    /// <summary>What is wrong with <paramref name="field"/>'s <paramref name="value"/> (null is fine), for a route that reports every field at once.</summary>
    /// <param name="multiline">True for text of several lines (a script's text): line breaks and tabs are then allowed.</param>
    public static string? Error(string field, string? value, int maxLength, bool multiline = false)
    {
        if (value is null) return null;
        if (!TextElements.Fit(value, maxLength)) return ApiPhrases.FieldTooLong.Say(field, maxLength);
        return (StorableText.Problem(value) ?? PlainText.Problem(value, multiline)) is { } problem ? $"'{field}' {problem}" : null;
    }
}
