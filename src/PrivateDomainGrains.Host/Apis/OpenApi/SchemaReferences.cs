using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// A schema a transformer adds (a request body, a problem), as a component and a reference to it, and so every type
/// inside it: the framework hands transformers unresolved schemas, in which a type's schema carries its component name
/// (<see cref="SchemaNames"/>) in its metadata instead of being a reference.
/// </summary>
internal static class SchemaReferences
{
    private const string SchemaIdKey = "x-schema-id";

    public static async Task<IOpenApiSchema> GetAsync(OpenApiOperationTransformerContext context, Type type, CancellationToken cancellationToken) =>
        Componentize(await context.GetOrCreateSchemaAsync(type, cancellationToken: cancellationToken), context.Document!);

    private static IOpenApiSchema Componentize(IOpenApiSchema schema, OpenApiDocument document)
    {
        if (schema is not OpenApiSchema inline) return schema;
        if (inline.Properties is { } properties)
        {
            foreach (var property in properties.Keys.ToList()) properties[property] = Componentize(properties[property], document);
        }
        if (inline.Items is { } items) inline.Items = Componentize(items, document);
        if (inline.AdditionalProperties is { } values) inline.AdditionalProperties = Componentize(values, document);
        if (inline.Metadata?.TryGetValue(SchemaIdKey, out var id) != true || id is not string { Length: > 0 } name) return inline;
        document.AddComponent(name, inline);
        return new OpenApiSchemaReference(name, document);
    }
}
