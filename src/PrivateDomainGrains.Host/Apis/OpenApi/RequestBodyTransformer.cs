using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>The request body of an operation that reads its body itself (<see cref="RequestBodyMetadata"/>, one per media type it reads).</summary>
internal sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var bodies = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestBodyMetadata>().ToList();
        if (bodies.Count == 0) return;
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (var body in bodies) content[body.ContentType] = new() { Schema = await SchemaReferences.GetAsync(context, body.Type, cancellationToken) };
        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
    }
}
