using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>
/// Component names: a type's own name, as ASP.NET Core names it; a type nested in anything but an <c>*Api</c> class
/// takes its container's name in front (<c>WeComCallbackLog.Summary</c> is <c>WeComCallbackLogSummary</c>), so that
/// generic names like Summary or Entry do not reach generated clients.
/// </summary>
internal static class SchemaNames
{
    public static string? For(JsonTypeInfo type)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        var container = type.Type.DeclaringType;
        return name is null || container is null || container.Name.EndsWith("Api", StringComparison.Ordinal) ? name : container.Name + name;
    }
}
