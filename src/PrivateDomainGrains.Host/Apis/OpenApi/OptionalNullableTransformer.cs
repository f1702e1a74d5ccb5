using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// A property declared nullable (<c>string? CustomerId</c>) may be left out of a body: the reader takes a missing one
/// as null, as it takes an explicit null. The framework lists every constructor parameter without a default value as
/// required, so a generated client would demand <c>customerId: null</c> of an event that names its customer by
/// identities; this leaves only the non-nullable ones required.
/// </summary>
internal sealed class OptionalNullableTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is not { Count: > 0 } required || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object) return Task.CompletedTask;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.AssociatedParameter?.IsNullable ?? property.IsSetNullable) required.Remove(property.Name);
        }
        return Task.CompletedTask;
    }
}
