using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// A schema a transformer adds (a request body, a problem), as a component and a reference to it, named like every
/// other component (<see cref="SchemaNames"/>). The framework hands transformers inline schemas only.
/// </summary>
internal static class SchemaReferences
{
    public static async Task<IOpenApiSchema> GetAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken);
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        if (SchemaNames.For(json.GetTypeInfo(type)) is not { } name) return schema;
        context.Document.AddComponent(name, schema);
        return new OpenApiSchemaReference(name, context.Document);
    }
}
