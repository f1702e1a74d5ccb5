using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>The document's title and the security schemes every operation's requirement refers to (<see cref="ApiCredential"/>).</summary>
internal sealed class PlatformDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PrivateDomainGrains API",
            Version = "v1",
            Description = "Customer events in, next-best-actions out. Every key and token goes in `Authorization: Bearer ...`; " +
                "every error is `application/problem+json`; 429 and 503 carry `Retry-After` (seconds). Event ids are unique per " +
                "tenant, so posting the same events again is safe: stored ones come back as duplicates.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var credential in Enum.GetValues<ApiCredential>())
            document.Components.SecuritySchemes[SecuritySchemes.Name(credential)] = SecuritySchemes.For(credential);
        return Task.CompletedTask;
    }
}
