using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.Sdk;

/// <summary>
/// The SDK against the live OpenAPI document: every schema of the API has an SDK type of the same name with the same
/// properties, and every operation a method. A route or field added to the API without the SDK fails here.
/// </summary>
public sealed class SdkContractTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    /// <summary>Schemas the SDK carries otherwise: problems as <see cref="ApiProblem"/>, the playbook as its JSON document, any JSON (a webhook notification's data) as a JsonElement.</summary>
    private static bool CarriedOtherwise(string schema) =>
        schema is "ProblemDetails" or "HttpValidationProblemDetails" or "Playbook" or "JsonElement" || schema.EndsWith("Spec", StringComparison.Ordinal);

    /// <summary>Operations the SDK leaves to WeCom, which calls them.</summary>
    private static readonly HashSet<string> NotForClients = ["VerifyWeComCallbackUrl", "ReceiveWeComCallback"];

    private async Task<JsonObject> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        return JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    [Fact]
    public async Task Every_schema_of_the_API_has_an_SDK_type_with_the_same_properties()
    {
        var sdk = typeof(PrivateDomainGrainsClient).Assembly.GetExportedTypes().ToDictionary(t => t.Name);
        foreach (var (name, schema) in (await DocumentAsync())["components"]!["schemas"]!.AsObject())
        {
            if (CarriedOtherwise(name)) continue;
            Assert.True(sdk.TryGetValue(name, out var type), $"the SDK has no type for the schema {name}");
            var expected = schema!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            var actual = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.Name != "EqualityContract")
                .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(actual), $"{name}: the API has {string.Join(", ", expected)}; the SDK {string.Join(", ", actual)}");
        }
    }

    [Fact]
    public async Task Every_operation_for_clients_has_an_SDK_method_naming_it()
    {
        // Each method's documentation names its operationId in a code element: <c>PostEvents</c>.
        var xml = System.Xml.Linq.XDocument.Load(Path.ChangeExtension(typeof(PrivateDomainGrainsClient).Assembly.Location, ".xml")).ToString();
        var operations = (await DocumentAsync())["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(o => (string)o.Value!["operationId"]!))
            .Where(id => !NotForClients.Contains(id));
        Assert.All(operations, id => Assert.Contains($"<c>{id}</c>", xml));
    }
}
