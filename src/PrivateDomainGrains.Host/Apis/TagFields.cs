using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Abstractions.Tags;
using PrivateDomainGrains.Core.Tags;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>The fields the tag catalog and tag jobs share: tags, tag lists, names per language, and catalog outcomes as problems.</summary>
public static partial class TagFields
{
    public const int MaxNameLength = 64;
    public const int MaxLanguages = 20;

    /// <summary>
    /// A tag as customers hold it, folded (<see cref="TagNames"/>: trimmed, <c>ＶＩＰ</c> is <c>VIP</c>). Null and a 400 naming <paramref name="field"/> when it is not one.
    /// </summary>
    public static (string? Tag, ProblemHttpResult? Problem) Tag(string field, string? value) =>
        TagNames.Normalize(value) is { } tag ? (tag, null) : (null, Problems.BadRequest(field, ApiPhrases.TagField.Say(field)));

    /// <summary>
    /// A tag from a path segment: Kestrel decodes every escape of the path but <c>%2F</c> (it would change the route),
    /// so a tag holding <c>/</c> (<c>A/B测试</c>) arrives with <c>%2F</c>, which is decoded here.
    /// </summary>
    public static (string? Tag, ProblemHttpResult? Problem) PathTag(string segment) =>
        Tag("tag", segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>0-50 tags (trimmed, repeats once); a 400 naming <paramref name="field"/>, or each item of it that is not a tag.</summary>
    public static (string[]? Tags, ProblemHttpResult? Problem) Tags(string field, IReadOnlyList<string?>? values)
    {
        if (values is null) return ([], null);
        if (values.Count > CustomersApi.MaxTagsPerRequest) return (null, Problems.BadRequest(field, ApiPhrases.TooManyTags.Say(field, CustomersApi.MaxTagsPerRequest)));
        var tags = new List<string>(values.Count);
        var errors = new FieldErrors();
        for (var i = 0; i < values.Count; i++)
        {
            var (tag, problem) = Tag($"{field}[{i}]", values[i]);
            errors.Add(problem);
            if (tag is not null && !tags.Contains(tag, StringComparer.Ordinal)) tags.Add(tag);
        }
        return errors.Problem() is { } invalid ? (null, invalid) : ([.. tags], null);
    }

    /// <summary>
    /// Display names per language: keys BCP 47 tags (<c>zh-CN</c>, <c>en</c>: 2-3 letters, then -subtags of 2-8 letters
    /// or digits), at most 20, each name 1-64 characters of plain text (<see cref="PlainText"/>). A 400 naming <c>names.{language}</c> otherwise.
    /// </summary>
    public static (Dictionary<string, string>? Names, ProblemHttpResult? Problem) Names(IReadOnlyDictionary<string, string?>? values, bool required)
    {
        if (values is null || values.Count == 0)
            return required ? (null, Problems.BadRequest("names", ApiPhrases.NamesRequired.Say())) : ([], null);
        if (values.Count > MaxLanguages) return (null, Problems.BadRequest("names", ApiPhrases.TooManyLanguages.Say(MaxLanguages)));
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, value) in values)
        {
            if (!Language().IsMatch(language)) return (null, Problems.BadRequest($"names.{language}", ApiPhrases.NotALanguage.Say($"names.{language}")));
            var name = value?.Trim();
            if (string.IsNullOrEmpty(name)) return (null, Problems.BadRequest($"names.{language}", ApiPhrases.FieldEmpty.Say($"names.{language}")));
            if (TextFields.Problem($"names.{language}", name, MaxNameLength) is { } problem) return (null, problem);
            if (PlainText.Problem(name) is { } notPlain) return (null, Problems.BadRequest($"names.{language}", $"'names.{language}' {notPlain}"));
            names[language] = name;
        }
        return (names, null);
    }

    /// <summary>A refused catalog change as the API answers it: 404, 409 or 400, naming the field in its detail and in <c>errors</c>.</summary>
    public static ProblemHttpResult Problem(TagCatalogOutcome outcome)
    {
        var (field, detail) = (outcome.Field ?? JsonBody.Whole, ApiPhrases.FieldSays.Say(outcome.Field, outcome.Message));
        return outcome.Kind switch
        {
            TagCatalogOutcomes.NotFound => Problems.NotFound(field, detail),
            TagCatalogOutcomes.Conflict => Problems.Conflict(field, detail),
            _ => Problems.BadRequest(field, detail),
        };
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex Language();
}
