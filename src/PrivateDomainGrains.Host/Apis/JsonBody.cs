using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// Reads a JSON body ourselves so that malformed, oversized or mistyped bodies get a precise ProblemDetails (400 naming
/// the field, 413). A route that reads its body here declares the body's schema with <c>WithJsonBody&lt;T&gt;()</c>.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new Iso8601Timestamps.Converter() } };

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadDocumentAsync(HttpRequest request)
    {
        if (request.ContentLength > ApiHostingExtensions.MaxRequestBodyBytes)
            return (null, Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {ApiHostingExtensions.MaxRequestBodyBytes}"));
        try
        {
            return (await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"Malformed JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"The body exceeds {ApiHostingExtensions.MaxRequestBodyBytes} bytes"));
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
                return value is null ? (null, Problems.BadRequest("The body must be a JSON object")) : (value, null);
            }
            catch (JsonException ex) when (ex is Iso8601Timestamps.TimestampException || ex.InnerException is InvalidOperationException)
            {
                return (null, Problems.BadRequest($"'{ex.Path?.TrimStart('$', '.')}' {Iso8601Timestamps.Describe(ex)}"));
            }
            catch (JsonException ex)
            {
                return (null, Problems.BadRequest($"The body does not match the expected shape: {ex.Message}"));
            }
        }
    }
}
