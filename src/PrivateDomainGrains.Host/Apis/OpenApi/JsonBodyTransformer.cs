using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>The request body of an operation that reads its JSON itself (<see cref="JsonBodyMetadata"/>).</summary>
internal sealed class JsonBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().LastOrDefault() is not { } body) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await SchemaReferences.GetAsync(context, body.Type, cancellationToken) },
            },
        };
    }
}
