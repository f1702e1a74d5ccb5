using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Telemetry;

public static class TelemetryHostingExtensions
{
    public const string ServiceName = "private-domain-grains";
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The meters exported: the platform's own (<c>pdg_*</c>, one meter per area: ingestion, persistence, customers,
    /// nudges, scheduler, console, WeCom), Orleans', ASP.NET Core's (HTTP server, Kestrel, SignalR connections, the rate
    /// limiter, exceptions) and the .NET runtime's. Npgsql's come through its own instrumentation.
    /// </summary>
    public static readonly string[] Meters =
    [
        "PrivateDomainGrains.*", "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics", "System.Runtime",
    ];

    /// <summary>
    /// The span sources recorded besides ASP.NET Core's and Npgsql's: grain calls (Orleans' application source; its
    /// runtime and lifecycle sources would add a span per system call and activation) and the platform's own (group
    /// commit, nudge dispatch, console push).
    /// </summary>
    public static readonly string[] TraceSources = ["Microsoft.Orleans.Application", "PrivateDomainGrains.*"];

    /// <summary>
    /// OpenTelemetry (<see cref="TelemetryOptions"/>): metrics for the Prometheus scrape at <see cref="MetricsPath"/>
    /// and, with an OTLP endpoint, metrics pushed to that collector, and traces (parent-based ratio sampling) when
    /// <c>Telemetry:TraceSampleRatio</c> is above 0. Trace context then crosses grain calls through Orleans' activity
    /// propagation (<c>AddPlatformSilo</c>). <see cref="NodeFigures"/> (the node's own totals for the stats route) runs
    /// even with telemetry off.
    /// </summary>
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NodeFigures>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeFigures>());
        var options = TelemetryOptions.From(builder.Configuration);
        if (!options.Enabled) return builder;

        var silo = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: $"{silo.AdvertisedAddress}:{silo.SiloPort}"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddNpgsqlInstrumentation().AddPrometheusExporter();
                if (options.ExportsOtlp)
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, options, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.OtlpExportInterval.TotalMilliseconds;
                    });
            });
        if (options.ExportsTraces)
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsOperationsPath(http.Request.Path))
                .AddSource(TraceSources)
                .AddNpgsql()
                .AddOtlpExporter(exporter => Configure(exporter, options, "v1/traces")));
        return builder;
    }

    /// <summary><see cref="MetricsPath"/>, behind the operator key unless <see cref="TelemetryOptions.MetricsRequireOperatorKey"/> is off.</summary>
    public static WebApplication MapPlatformTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Enabled) return app;
        var scrape = app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (options.MetricsRequireOperatorKey) scrape.RequireAuthorization(OperatorAuthentication.Policy);
        return app;
    }

    /// <summary>Scrapes, probes and the dashboard's polling would be most of the traces and say nothing.</summary>
    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health") || path.StartsWithSegments(DashboardHostingExtensions.Path);

    private static void Configure(OtlpExporterOptions exporter, TelemetryOptions options, string httpPath)
    {
        var http = options.OtlpProtocol == nameof(OtlpExportProtocol.HttpProtobuf);
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        // Over HTTP the exporter takes the endpoint as the full URL of the signal's path.
        exporter.Endpoint = new Uri(http ? $"{options.OtlpEndpoint!.TrimEnd('/')}/{httpPath}" : options.OtlpEndpoint!);
    }
}
