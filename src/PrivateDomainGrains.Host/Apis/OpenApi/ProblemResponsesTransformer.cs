using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// Every ProblemDetails answer of an operation, one response per status: those declared with
/// <see cref="ApiProblemExtensions.WithProblem{TBuilder}"/> (directly, or through the credential and body conventions)
/// with their reasons joined, and 429 and 503 on every route, with <c>Retry-After</c>. A 400 is a validation problem
/// (its <c>errors</c> name fields or JSON paths when a route checks several at once).
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public const string ProblemJson = "application/problem+json";

    private static readonly ApiProblemMetadata[] EveryRoute =
    [
        new(StatusCodes.Status429TooManyRequests, "A rate limit was reached (per client address, key and tenant; sign-in per address and per staff member): wait Retry-After seconds"),
        new(StatusCodes.Status503ServiceUnavailable, "Storage or a node failed for a moment: retry after Retry-After seconds (writes are idempotent by id)"),
    ];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        var declared = context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiProblemMetadata>().Concat(EveryRoute);
        foreach (var status in declared.GroupBy(p => p.Status).OrderBy(g => g.Key))
        {
            var type = status.Key == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            var response = new OpenApiResponse
            {
                Description = $"{ReasonPhrases.GetReasonPhrase(status.Key)}: {string.Join("; ", status.Select(p => p.Reason).Distinct())}.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = await SchemaReferences.GetAsync(context, type, cancellationToken) },
                },
            };
            if (status.Key is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                response.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = RetryAfter() };
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }
    }

    private static OpenApiHeader RetryAfter() => new()
    {
        Description = "Seconds to wait before sending the same request again.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
    };
}
