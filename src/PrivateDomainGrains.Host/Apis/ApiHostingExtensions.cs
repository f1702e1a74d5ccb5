using Microsoft.AspNetCore.Server.Kestrel.Core;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Ingestion;
using PrivateDomainGrains.Host.Integrations.WeCom;

namespace PrivateDomainGrains.Host.Apis;

public static class ApiHostingExtensions
{
    /// <summary>Largest request body: 1,000 events with long texts fit well within it.</summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    public static WebApplicationBuilder AddPlatformApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<TransientFailureHandler>();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<EventIngestion>();
        builder.AddWeComCallbacks();
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.MapOpenApi();
        var v1 = app.MapGroup("/api/v1");
        v1.MapTenantsApi();
        v1.MapStaffApi();
        v1.MapAuthApi();
        v1.MapEventsApi();
        v1.MapCustomersApi();
        v1.MapHandoversApi();
        v1.MapPlaybookApi();
        v1.MapLearningApi();
        v1.MapSystemApi();
        v1.MapWeComApi();
        return app;
    }
}
