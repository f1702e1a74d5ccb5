using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Apis.OpenApi;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Integrations.WeCom;
using PrivateDomainGrains.Host.Retention;
using PrivateDomainGrains.Host.Webhooks;
using PrivateDomainGrains.Host.Reports;
using Scalar.AspNetCore;

namespace PrivateDomainGrains.Host.Apis;

public static class ApiHostingExtensions
{
    /// <summary>Largest request body: 1,000 events with long texts fit well within it.</summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTitles.Word);
        builder.Services.AddExceptionHandler<BadParameterHandler>();
        builder.Services.AddExceptionHandler<TransientFailureHandler>();
        builder.Services.AddExceptionHandler<CustomerErasedHandler>();
        // Binding failures throw, so BadParameterHandler can name the parameter instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // A client's bad parameter is its own error, answered 400, and a write to an erased customer its own conflict, answered
        // 409: neither is logged as the server's (a parameter's value may be personal data).
        builder.Services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c =>
            c.Exception is Microsoft.AspNetCore.Http.BadHttpRequestException or Abstractions.Customers.CustomerErasedException);
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddPlatformOpenApi();
        builder.Services.AddOptions<DocsOptions>().BindConfiguration(DocsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<EventIngestion>();
        builder.Services.AddSingleton<EventAdmission>();
        builder.AddIdentityResolution();
        builder.Services.AddSingleton<ExecutionReports>();
        builder.Services.AddSingleton<CustomerViewCompletion>();
        builder.AddWeComCallbacks();
        builder.AddWebhooks();
        builder.AddRetention();
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>
    /// The OpenAPI document (<c>/openapi/v1.json</c>) from the routes' own declarations: typed results, names, tags,
    /// <see cref="ApiCredentialExtensions">credentials</see>, <see cref="RequestBodyExtensions">request bodies</see> and
    /// <see cref="ApiProblemExtensions">problems</see>.
    /// </summary>
    private static WebApplicationBuilder AddPlatformOpenApi(this WebApplicationBuilder builder)
    {
        // Responses are written as numbers; without this the document would also allow numbers as strings (what the
        // framework's lenient reading accepts), which generated clients turn into strings. Bodies are read by JsonBody.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        builder.Services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaNames.For;
            o.AddDocumentTransformer<PlatformDocumentTransformer>();
            o.AddSchemaTransformer<SchemaOfTransformer>();
            o.AddSchemaTransformer<OptionalNullableTransformer>();
            o.AddOperationTransformer<CredentialRequirementTransformer>();
            o.AddOperationTransformer<RequestBodyTransformer>();
            o.AddOperationTransformer<ProblemResponsesTransformer>();
        });
        return builder;
    }

    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapPlatformDocs();
        var v1 = app.MapGroup("/api/v1");
        v1.MapTenantsApi();
        v1.MapStaffApi();
        v1.MapAuthApi();
        v1.MapEventsApi();
        v1.MapCustomersApi();
        v1.MapCustomerMergesApi();
        v1.MapIdentitiesApi();
        v1.MapIdentityImportsApi();
        v1.MapPersonalDataApi();
        v1.MapJournalRetentionApi();
        v1.MapAuditApi();
        v1.MapHandoversApi();
        v1.MapTagGroupsApi();
        v1.MapTagsApi();
        v1.MapTagJobsApi();
        v1.MapPlaybookApi();
        v1.MapLearningApi();
        v1.MapSystemApi();
        v1.MapWeComApi();
        v1.MapWebhooksApi();
        v1.MapApiKeysApi();
        v1.MapConsoleMeApi();
        v1.MapConsoleCustomersApi();
        v1.MapConsoleCustomerMergesApi();
        v1.MapConsolePendingPoolApi();
        v1.MapConsoleIdentityImportsApi();
        v1.MapConsoleNudgesApi();
        v1.MapConsoleTagsApi();
        v1.MapConsolePlaybookApi();
        v1.MapReportsApi();
        v1.MapSegmentsApi();
        v1.MapCampaignsApi();
        return app;
    }

    /// <summary>
    /// The Scalar reference over the document, when <see cref="DocsOptions"/> says so. Nothing on the page calls Scalar's
    /// hosted services: its script is served from the package, no web fonts, no AI agent or MCP, no telemetry, and
    /// neither the developer-tools toolbar (Share, Deploy, Generate SDKs: uploads to scalar.com) nor the button that
    /// opens Scalar's client app; "Test Request" still sends from the page to this host.
    /// </summary>
    private static void MapPlatformDocs(this WebApplication app)
    {
        var docs = app.Services.GetRequiredService<IOptions<DocsOptions>>().Value;
        if (!docs.IsEnabled(app.Environment)) return;
        app.MapScalarApiReference(docs.Path, o => o
            .WithTitle("PrivateDomainGrains API")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .AddPreferredSecuritySchemes(["integrationKey"]));
    }
}
