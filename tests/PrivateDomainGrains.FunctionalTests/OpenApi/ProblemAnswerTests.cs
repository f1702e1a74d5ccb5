using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrivateDomainGrains.Client;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.OpenApi;

/// <summary>
/// Bad input to every route the OpenAPI document lists, generated from the document: whatever the route, a value that
/// is not of its type answers a 400 ProblemDetails whose <c>errors</c> name it, in JSON's words, never .NET's. A route
/// added later is walked too.
/// </summary>
public sealed partial class ProblemAnswerTests(ProblemAnswerTests.Platform platform) : IClassFixture<ProblemAnswerTests.Platform>, IDisposable
{
    /// <summary>Tenant acme with staff alice and an admin, ada, whose console token opens the console routes.</summary>
    public sealed class Platform() : ConfiguredNodePlatform("problem-answers")
    {
        public string ConsoleToken { get; private set; } = "";

        protected override async Task SeedAsync(PlatformClient client)
        {
            await client.ProvisionAsync("acme", "alice");
            await client.Api.Staff.CreateAsync(new CreateStaffRequest("ada", PlatformClient.StaffPassword, "Ada", "admin"));
            ConsoleToken = await client.ConsoleTokenAsync("ada");
        }
    }

    private readonly HttpClient _http = new() { BaseAddress = platform.Node.BaseAddress };

    private PlatformClient Api => platform.Client;

    public void Dispose() => _http.Dispose();

    private sealed record Operation(string Method, string Path, JsonObject Definition)
    {
        public string Id => (string?)Definition["operationId"] ?? $"{Method} {Path}";
    }

    private async Task<(JsonObject Document, List<Operation> Operations)> DocumentAsync()
    {
        var document = JsonNode.Parse(await _http.GetStringAsync("/openapi/v1.json"))!.AsObject();
        var operations = (from path in document["paths"]!.AsObject()
                          from operation in path.Value!.AsObject()
                          select new Operation(operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject())).ToList();
        return (document, operations);
    }

    /// <summary>The credential the operation names, the strongest first: the admin's console token, the operator's, the admin's or the integration's key.</summary>
    private string? Credential(Operation operation)
    {
        var schemes = (operation.Definition["security"]?.AsArray() ?? []).SelectMany(r => r!.AsObject().Select(s => s.Key)).ToHashSet();
        if (schemes.Contains("consoleToken")) return platform.ConsoleToken;
        if (schemes.Contains("operatorKey")) return NodeSettings.OperatorKey;
        if (schemes.Contains("adminKey")) return Api.AdminKey;
        return schemes.Contains("integrationKey") ? Api.ApiKey : null;
    }

    /// <summary>The path with the tenant and every other parameter filled with a well-formed value, <paramref name="bad"/> with "abc".</summary>
    private static string Fill(Operation operation, string? bad = null) => Placeholder().Replace(operation.Path, m =>
        m.Groups[1].Value == bad ? "abc" : m.Groups[1].Value == "tenant" ? "acme" : IsInteger(Parameter(operation, m.Groups[1].Value)?["schema"]) ? "1" : "x1");

    private static JsonNode? Parameter(Operation operation, string name) =>
        (operation.Definition["parameters"]?.AsArray() ?? []).FirstOrDefault(p => (string?)p!["name"] == name);

    private static HashSet<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!).ToHashSet(),
        JsonValue type => [(string)type!],
        _ => schema?["$ref"] is not null || schema?["oneOf"] is not null || schema?["anyOf"] is not null ? ["object"] : [],
    };

    private static bool IsInteger(JsonNode? schema) => Types(schema).Contains("integer");

    /// <summary>Sends the request, again after <c>Retry-After</c> when a rate limit answers: hundreds are sent in a row.</summary>
    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(Operation operation, string path, string? body)
    {
        while (true)
        {
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            if (Credential(operation) is { } credential) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
            var response = await _http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) return (response, await response.Content.ReadAsStringAsync());
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A 400 ProblemDetails with <c>errors</c> naming <paramref name="field"/> (as a name, or as a JSON path), and no .NET type named anywhere.</summary>
    private static string? NotNaming(HttpResponseMessage response, string body, string field)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}: {body}";
        if (DotNetType().IsMatch(body)) return $"names a .NET type: {body}";
        var errors = JsonNode.Parse(body)!["errors"]?.AsObject();
        bool Names(string key) => key.TrimStart('$').TrimStart('.') is var k && (k == field || k.StartsWith(field + ".", StringComparison.Ordinal) || k.StartsWith(field + "[", StringComparison.Ordinal));
        return errors is not null && errors.Any(e => Names(e.Key)) ? null : $"errors do not name '{field}': {body}";
    }

    [Fact]
    public async Task Every_integer_path_and_query_parameter_sent_a_non_number_answers_a_400_naming_it()
    {
        var (_, operations) = await DocumentAsync();
        var failures = new List<string>();
        var checkedParameters = 0;
        foreach (var operation in operations)
        {
            foreach (var parameter in (operation.Definition["parameters"]?.AsArray() ?? []).Where(p => IsInteger(p!["schema"])))
            {
                var name = (string)parameter!["name"]!;
                var path = (string?)parameter["in"] == "path" ? Fill(operation, bad: name) : $"{Fill(operation)}?{name}=abc";
                var (response, body) = await SendAsync(operation, path, body: null);
                if (NotNaming(response, body, name) is { } failure) failures.Add($"{operation.Id} {name}: {failure}");
                checkedParameters++;
            }
        }
        Assert.True(checkedParameters >= 20, $"only {checkedParameters} integer parameters in the document");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_json_body_property_sent_a_value_of_another_json_type_answers_a_400_naming_it_in_json_terms()
    {
        var (document, operations) = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        var refused = 0;
        foreach (var operation in operations)
        {
            if ((string?)operation.Definition["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] is not { } reference) continue;
            var schema = schemas[reference.Split('/')[^1]]!;
            foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
            {
                // A value of a JSON type the property does not take: a number for a string, a string for anything else.
                var types = Types(propertySchema);
                if (types.Count == 0) continue;
                var wrong = types.Contains("string") ? "12345" : "\"abc\"";
                var (response, body) = await SendAsync(operation, Fill(operation), $$"""{"{{property}}":{{wrong}}}""");
                // Routes that look up what the path names before reading the body answer 404 for x1: they are not reached here.
                if (response.StatusCode == HttpStatusCode.NotFound) continue;
                if (NotNaming(response, body, property) is { } failure) failures.Add($"{operation.Id} {property}={wrong}: {failure}");
                else refused++;
            }
        }
        Assert.True(refused >= 100, $"only {refused} properties were refused as they should be");
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-resource", "text/html", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/v1/tenants/acme/no-such-resource/1", "application/json", HttpStatusCode.NotFound)]
    [InlineData("POST", "/api/v1/no-such-resource", "application/json", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/api/v1/tenants/acme/no-such-resource/1", "text/html", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/api/v1/tenants/acme/events/1", "application/json", HttpStatusCode.NotFound)]
    [InlineData("POST", "/no-such-page", "text/html", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/customers/x", "application/json", HttpStatusCode.NotFound)]
    [InlineData("PATCH", "/tags", "text/html", HttpStatusCode.NotFound)]
    [InlineData("GET", "/assets/no-such-file.js", "text/html", HttpStatusCode.NotFound)]
    // A route that exists but does not take the method.
    [InlineData("DELETE", "/api/v1/tenants/acme/events", "text/html", HttpStatusCode.MethodNotAllowed)]
    [InlineData("PUT", "/api/v1/tenants/acme/staff", "application/json", HttpStatusCode.MethodNotAllowed)]
    public async Task A_request_no_route_takes_answers_a_problem_details_whatever_it_accepts(string method, string path, string accept, HttpStatusCode status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Api.AdminKey);

        var response = await _http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, (int)problem["status"]!);
        Assert.Contains(path, (string)problem["detail"]!);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/tags")]
    [InlineData("GET", "/customers/x")]
    [InlineData("HEAD", "/queue")]
    public async Task A_console_route_read_with_get_or_head_answers_the_consoles_page(string method, string path)
    {
        var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        if (method == "GET") Assert.Contains("<div id=\"app\">", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(System|Microsoft|PrivateDomainGrains)\.[A-Z]|`1|\b(Int16|Int32|Int64|Decimal|Boolean|Nullable|DateTimeOffset|IReadOnlyList|Dictionary)\b")]
    private static partial Regex DotNetType();
}
