using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// Each operation's security requirement from its <see cref="ApiCredentialMetadata"/>: any one of the credentials opens
/// it. A tenant route also names the scope a named key needs (<see cref="ApiScopes.Required(IEnumerable{object}, string)"/>):
/// as the role of the <c>integrationKey</c> requirement (named keys are sent in that scheme; OpenAPI 3.1 lets a
/// non-OAuth requirement list roles), as <c>x-required-scope</c>, and in a sentence of the description.
/// </summary>
internal sealed class CredentialRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<ApiCredentialMetadata>().LastOrDefault() is not { } credentials) return Task.CompletedTask;
        var tenantRoute = credentials.AnyOf.Contains(ApiCredential.AdminKey);
        var scope = tenantRoute ? ApiScopes.Required(metadata, context.Description.HttpMethod ?? "GET") : null;
        var anyOf = scope is null || credentials.AnyOf.Contains(ApiCredential.IntegrationKey)
            ? credentials.AnyOf
            : [ApiCredential.IntegrationKey, .. credentials.AnyOf];
        operation.Security = anyOf
            .Select(c => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SecuritySchemes.Name(c), context.Document)] = c == ApiCredential.IntegrationKey && scope is not null ? [scope] : [],
            })
            .ToList();
        if (scope is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-scope"] = new JsonNodeExtension(JsonValue.Create(scope));
            var sentence = $"A named key needs the scope `{scope}`.";
            operation.Description = string.IsNullOrEmpty(operation.Description) ? sentence : $"{operation.Description}\n\n{sentence}";
        }
        return Task.CompletedTask;
    }
}
