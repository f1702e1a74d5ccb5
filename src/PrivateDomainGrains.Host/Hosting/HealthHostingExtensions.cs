using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace PrivateDomainGrains.Host.Hosting;

public static class HealthHostingExtensions
{
    /// <summary>Checks that say whether the node should get traffic (<c>/health/ready</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The readiness checks besides PostgreSQL's (registered with the persistence): silo active, node not stopping; and
    /// the drain that keeps a stopping node serving while it reports not ready, and the host's shutdown timeout
    /// (<see cref="HealthOptions"/>, which must leave room after the customers' snapshot budget: <see cref="ShutdownBudgetValidation"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HealthOptions>, ShutdownBudgetValidation>();
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<HealthOptions>>((host, health) =>
            host.ShutdownTimeout = health.Value.DrainDelay + health.Value.StopTimeout);
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<NodeStoppingHealthCheck>("shutdown", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>: 200 while the process answers HTTP (no dependency checked, so a PostgreSQL outage does not get
    /// every node restarted). <c>/health/ready</c>: 200 only when the silo is active in the cluster, PostgreSQL answers
    /// and the node is not shutting down; 503 otherwise, with each check's status and reason as JSON.
    /// <c>/health</c>: PostgreSQL answers, as before (the load tool and the scripts wait on it).
    /// </summary>
    public static WebApplication MapPlatformHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == PersistenceHostingExtensions.PostgresCheck });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync });
        return app;
    }

    /// <summary><c>{"status":"Unhealthy","checks":{"silo":{"status":"Healthy","description":null},...}}</c>; no exception details.</summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
