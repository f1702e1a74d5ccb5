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
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new Iso8601Timestamps.Converter() } };

    /// <summary>What <c>errors</c> calls the body as a whole (malformed JSON, not an object).</summary>
    public const string Whole = "body";

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request)
    {
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return (null, Problems.TooLarge(ApiPhrases.BodyTooLarge.Say(request.ContentLength, ApiHostingExtensions.MaxRequestBodyBytes)));
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted), null);
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

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var (document, problem) = await ReadDocumentAsync(request);
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
                // Fields are named as the body names them (eventTypes[0], names.en), the body itself as 'body'.
                var errors = JsonValueErrors.Describe(ex, typeof(T), Web)
                    .Select(e => (Field: e.Path == "$" ? Whole : e.Path.TrimStart('$').TrimStart('.'), e.Problem))
                    .GroupBy(e => e.Field)
                    .ToDictionary(g => g.Key, g => g.Select(e => $"'{e.Field}' {e.Problem}").ToArray());
                return (null, Problems.BadRequest(errors, string.Join(CommonPhrases.Separator.Say(), errors.Values.SelectMany(m => m))));
            }
        }
    }
}
