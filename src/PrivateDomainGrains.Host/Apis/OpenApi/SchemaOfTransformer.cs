using System.Reflection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>A property marked <see cref="SchemaOfAttribute"/> is described by, and refers to, the schema of the type it names.</summary>
internal sealed class SchemaOfTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is not MemberInfo member || member.GetCustomAttribute<SchemaOfAttribute>() is not { } of) return;
        var described = await context.GetOrCreateSchemaAsync(of.Type, cancellationToken: cancellationToken);
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // Becomes that type's schema, under that type's component name: the framework then refers to the component.
        schema.Type = described.Type;
        schema.Properties = described.Properties;
        schema.Required = described.Required;
        schema.Metadata ??= new Dictionary<string, object>();
        schema.Metadata["x-schema-id"] = SchemaNames.For(json.GetTypeInfo(of.Type))!;
    }
}
