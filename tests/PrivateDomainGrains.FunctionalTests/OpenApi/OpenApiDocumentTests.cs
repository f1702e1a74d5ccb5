using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PrivateDomainGrains.FunctionalTests.Infrastructure;

namespace PrivateDomainGrains.FunctionalTests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> as a client generator reads it: every operation named, tagged, guarded, with its body and
/// every ProblemDetails answer. A route added without the conventions of <c>Host/Apis</c> fails here.
/// </summary>
public sealed class OpenApiDocumentTests(SingleNodePlatform platform) : IClassFixture<SingleNodePlatform>
{
    /// <summary>The operations that need no key: sign-in, and the callbacks WeCom signs with the tenant's Token.</summary>
    private static readonly HashSet<string> Public = ["SignIn", "VerifyWeComCallbackUrl", "ReceiveWeComCallback"];

    /// <summary>POSTs that take no body: what they act on is in the path or the token.</summary>
    private static readonly HashSet<string> NoBody =
    [
        "DisableStaff", "EnableStaff", "RefreshConsoleToken", "RemoveCustomerIdentity", "DismissPendingEvent", "DeleteWebhook",
        "RotateWebhookSecret", "ReplayWebhookDelivery", "RotateApiKey", "RevokeApiKey", "AddMyCustomerTag", "RemoveMyCustomerTag", "DeleteMyTagGroup", "DeleteMyTag",
        "MarkNudgeDone", "MarkNudgeNotUseful", "EraseCustomerData", "EraseCustomerDataByIdentity", "DeleteTagGroup", "DeleteTag",
        "RollbackPlaybook", "RollbackConsolePlaybook",
        "DeleteSegment", "DeleteMySegment",
        "PauseCampaign", "ResumeCampaign", "CancelCampaign", "PauseMyCampaign", "ResumeMyCampaign", "CancelMyCampaign", "CancelTagJob", "CancelMyTagJob",
        "UndoCustomerMerge", "UndoMyCustomerMerge", "DismissMyPendingEvent", "CancelIdentityImport", "CancelMyIdentityImport",
        "RotateConsoleApiKey", "RevokeConsoleApiKey", "DeleteConsoleWebhook", "RotateConsoleWebhookSecret", "ReplayConsoleWebhookDelivery",
    ];

    private async Task<JsonObject> DocumentAsync()
    {
        using var http = new HttpClient { BaseAddress = platform.Node.BaseAddress };
        return JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!.AsObject();
    }

    private static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        select (operation.Key, path.Key, operation.Value!.AsObject());

    private static string Id(JsonObject operation) => (string?)operation["operationId"] ?? "";

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_a_tag()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        Assert.True(operations.Count >= 23, $"only {operations.Count} operations");
        foreach (var (method, path, operation) in operations)
        {
            Assert.False(string.IsNullOrEmpty(Id(operation)), $"{method} {path} has no operationId");
            // A resource name (WithTags), not the default the framework would give: the handler's class or the assembly.
            var tags = operation["tags"]?.AsArray().Select(t => (string?)t ?? "").ToList() ?? [];
            Assert.True(tags.Count > 0 && tags.All(t => Regex.IsMatch(t, "^[A-Z][A-Za-z]+$") && !t.EndsWith("Api")), $"{Id(operation)} is tagged {string.Join(", ", tags)}");
            Assert.False(string.IsNullOrEmpty((string?)operation["summary"]), $"{Id(operation)} has no summary");
        }
        Assert.Empty(operations.GroupBy(o => Id(o.Operation)).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public async Task Every_operation_but_sign_in_and_the_WeCom_callbacks_names_the_credentials_it_needs_and_answers_401_without_them()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        foreach (var (_, _, operation) in Operations(document))
        {
            var security = operation["security"]?.AsArray() ?? [];
            if (Public.Contains(Id(operation)))
            {
                Assert.Empty(security);
                continue;
            }
            Assert.True(security.Count > 0, $"{Id(operation)} names no credential");
            foreach (var scheme in security.SelectMany(requirement => requirement!.AsObject().Select(s => s.Key)))
                Assert.True(schemes.ContainsKey(scheme), $"{Id(operation)} needs '{scheme}', which the document does not define");
            Assert.NotNull(operation["responses"]!["401"]);
        }
    }

    [Fact]
    public async Task The_keys_are_bearer_schemes_and_the_console_token_a_bearer_JWT()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal(["integrationKey", "adminKey", "operatorKey", "consoleToken"], schemes.Select(s => s.Key));
        Assert.All(schemes, s => Assert.Equal(("http", "bearer"), ((string?)s.Value!["type"], (string?)s.Value["scheme"])));
        Assert.Equal("JWT", (string?)schemes["consoleToken"]!["bearerFormat"]);
        var postEvents = Operations(await DocumentAsync()).Single(o => Id(o.Operation) == "PostEvents").Operation;
        Assert.Equal(["integrationKey", "adminKey"], postEvents["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)));
    }

    [Theory]
    [InlineData("PostEvents", "events:write")]
    [InlineData("ListSegments", "customers:read")]
    [InlineData("ReplaceSegment", "customers:write")]
    [InlineData("PreviewSegment", "customers:read")]
    [InlineData("GetExecutionReport", "reports:read")]
    [InlineData("CreateApiKey", "admin")]
    public async Task Every_tenant_operation_names_the_scope_a_named_key_needs_as_enforced(string operationId, string scope)
    {
        var operations = Operations(await DocumentAsync()).ToList();
        var operation = operations.Single(o => Id(o.Operation) == operationId).Operation;
        Assert.Equal(scope, (string?)operation["x-required-scope"]);
        var integrationKey = operation["security"]!.AsArray().Select(r => r!.AsObject()).Single(r => r.ContainsKey("integrationKey"));
        Assert.Equal([scope], integrationKey["integrationKey"]!.AsArray().Select(s => (string?)s));
        Assert.Contains($"needs the scope `{scope}`", (string?)operation["description"]);
        // Every operation a tenant key opens says which scope; console and operator routes have none to say.
        Assert.All(operations.Where(o => o.Path.StartsWith("/api/v1/tenants/{tenant}", StringComparison.Ordinal) && !Public.Contains(Id(o.Operation))),
            o => Assert.NotNull((string?)o.Operation["x-required-scope"]));
    }

    [Fact]
    public async Task Every_operation_that_reads_a_body_declares_its_schema_and_the_400_and_413_of_reading_it()
    {
        foreach (var (method, _, operation) in Operations(await DocumentAsync()))
        {
            if (method == "get" || NoBody.Contains(Id(operation)))
            {
                Assert.Null(operation["requestBody"]);
                continue;
            }
            var content = operation["requestBody"]?["content"]?.AsObject();
            Assert.True(content is { Count: > 0 }, $"{Id(operation)} declares no request body");
            Assert.All(content, c => Assert.NotNull(c.Value!["schema"]));
            if (content.ContainsKey("application/json"))
            {
                Assert.StartsWith("#/components/schemas/", (string?)content["application/json"]!["schema"]!["$ref"]);
                Assert.NotNull(operation["responses"]!["400"]);
                Assert.NotNull(operation["responses"]!["413"]);
            }
        }
    }

    [Fact]
    public async Task Every_operation_answers_problems_as_problem_details_with_retry_after_on_429_and_503()
    {
        foreach (var (_, _, operation) in Operations(await DocumentAsync()))
        {
            var problems = operation["responses"]!.AsObject().Where(r => int.Parse(r.Key) >= 400).ToList();
            Assert.Contains(problems, p => p.Key == "429");
            Assert.Contains(problems, p => p.Key == "503");
            foreach (var (status, response) in problems)
            {
                var schema = (string?)response!["content"]?["application/problem+json"]?["schema"]?["$ref"];
                Assert.True(schema == (status == "400" ? "#/components/schemas/HttpValidationProblemDetails" : "#/components/schemas/ProblemDetails"),
                    $"{Id(operation)} {status}: {response.ToJsonString()}");
                Assert.False(string.IsNullOrEmpty((string?)response["description"]));
                if (status is "429" or "503")
                    Assert.Equal("integer", (string?)response["headers"]?["Retry-After"]?["schema"]?["type"]);
            }
        }
    }

    [Fact]
    public async Task Success_responses_refer_to_named_schemas()
    {
        foreach (var (_, _, operation) in Operations(await DocumentAsync()))
        {
            var success = operation["responses"]!.AsObject().Single(r => r.Key.StartsWith('2'));
            if (success.Value!["content"]?["application/json"]?["schema"] is not { } schema) continue;
            var reference = (string?)schema["$ref"] ?? (string?)schema["items"]?["$ref"];
            Assert.True(reference?.StartsWith("#/components/schemas/"), $"{Id(operation)} answers an unnamed schema: {schema.ToJsonString()}");
        }
    }

    /// <summary>
    /// A list answers an object with its <c>items</c> (and a cursor when paged), never a bare JSON array, so that a
    /// field (a cursor, a version, a total) can be added later without breaking a client.
    /// </summary>
    [Fact]
    public async Task No_operation_answers_a_bare_array()
    {
        foreach (var (_, _, operation) in Operations(await DocumentAsync()))
        {
            var success = operation["responses"]!.AsObject().Single(r => r.Key.StartsWith('2'));
            if (success.Value!["content"]?["application/json"]?["schema"] is not { } schema) continue;
            Assert.False((string?)schema["type"] == "array", $"{Id(operation)} answers a bare array: {schema.ToJsonString()}");
        }
    }

    /// <summary>
    /// What a body may leave out is not required: a nullable field is read as null when missing, so a client generated
    /// from the document can post an event that names its customer only by identities, or a dry run of a bare type.
    /// </summary>
    [Fact]
    public async Task A_nullable_property_is_never_required()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        foreach (var (name, schema) in schemas)
        {
            foreach (var required in schema!["required"]?.AsArray() ?? [])
            {
                var type = schema["properties"]?[(string)required!]?["type"];
                var nullable = type is JsonArray types && types.Any(t => (string?)t == "null");
                Assert.False(nullable, $"{name}.{required} is nullable but required");
            }
        }
        Assert.Equal(["id", "type"], schemas["PostedEvent"]!["required"]!.AsArray().Select(r => (string)r!).Order());
        Assert.Equal(["type"], schemas["DryRunEvent"]!["required"]!.AsArray().Select(r => (string)r!));
    }
}
