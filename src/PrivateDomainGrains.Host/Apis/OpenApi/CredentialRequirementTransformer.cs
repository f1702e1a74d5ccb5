using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>Each operation's security requirement from its <see cref="ApiCredentialMetadata"/>: any one of the credentials opens it.</summary>
internal sealed class CredentialRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiCredentialMetadata>().LastOrDefault() is { } credentials)
        {
            operation.Security = credentials.AnyOf
                .Select(c => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemes.Name(c), context.Document)] = [] })
                .ToList();
        }
        return Task.CompletedTask;
    }
}
