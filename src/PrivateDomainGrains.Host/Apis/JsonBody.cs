using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads a JSON body ourselves so that malformed, oversized or mistyped bodies get a precise ProblemDetails (400 naming
/// the field and the JSON type it must be, 413). A route that reads its body here declares the body's schema with
/// <c>WithJsonBody&lt;T&gt;()</c>.
/// </summary>
public static class JsonBody
{
    // A field given twice is refused rather than the last one winning ({"days":5,"days":null} kept null).
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        Converters = { new Iso8601Timestamps.Converter() },
    };

    /// <summary>What <c>errors</c> calls the body as a whole (malformed JSON, not an object).</summary>
    public const string Whole = "body";

    // A route reading the document itself refuses a field given twice as malformed JSON (the parser does not say where).
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The body as a document, or a 400 (not JSON, a field given twice: <c>'body' is not valid JSON: ...</c>) or 413.</summary>
    public static Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request) => ParseAsync(request, Strict);

    private static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ParseAsync(HttpRequest request, JsonDocumentOptions options)
    {
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return (null, Problems.TooLarge(ApiPhrases.BodyTooLarge.Say(request.ContentLength, ApiHostingExtensions.MaxRequestBodyBytes)));
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, options, request.HttpContext.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest(Whole, $"'{Whole}' {CommonPhrases.JsonNotValid.Say(ex.Message)}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(ApiPhrases.BodyExceeds.Say(ApiHostingExtensions.MaxRequestBodyBytes)));
        }
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>, or a 400 naming each field that is not of its type, or the field given twice
    /// (<c>'days' is given twice</c>), or a 413.
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        // Parsed allowing a repeated field, so that the serializer's refusal of it can be traced to the field.
        var (document, problem) = await ParseAsync(request, default);
        if (document is null) return (null, problem);
        using (document)
        {
            try
            {
                var value = document.Deserialize<T>(Web);
                return value is null ? (null, Problems.BadRequest(Whole, $"'{Whole}' {EventPhrases.JsonObject.Say()}")) : (value, null);
            }
            catch (JsonException ex)
            {
                if (FirstRepeated(document.RootElement, "") is { } twice)
                    return (null, Problems.BadRequest(twice, $"'{twice}' {ApiPhrases.TwiceInBody.Say()}"));
                // Fields are named as the body names them (eventTypes[0], names.en), the body itself as 'body'.
                var errors = JsonValueErrors.Describe(ex, typeof(T), Web)
                    .Select(e => (Field: e.Path == "$" ? Whole : e.Path.TrimStart('$').TrimStart('.'), e.Problem))
                    .GroupBy(e => e.Field)
                    .ToDictionary(g => g.Key, g => g.Select(e => $"'{e.Field}' {e.Problem}").ToArray());
                return (null, Problems.BadRequest(errors, WordedList.Clauses(errors.Values.SelectMany(m => m)).Say()));
            }
        }
    }

    /// <summary>
    /// The first field an object of the body names twice, as the body names it (<c>days</c>, <c>names.en</c>,
    /// <c>items[2].id</c>), or null. Names compare as the serializer binds them, ignoring case. Read only once the
    /// serializer has refused the body: its exception does not say where.
    /// </summary>
    private static string? FirstRepeated(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
                if (FirstRepeated(item, $"{path}[{i++}]") is { } inner) return inner;
            return null;
        }
        if (element.ValueKind != JsonValueKind.Object) return null;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!names.Add(property.Name)) return at;
            if (FirstRepeated(property.Value, at) is { } inner) return inner;
        }
        return null;
    }
}
