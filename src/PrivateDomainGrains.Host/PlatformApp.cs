using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Demo;
using PrivateDomainGrains.Host.Hosting;
using PrivateDomainGrains.Host.Hubs;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Host.Telemetry;

namespace PrivateDomainGrains.Host;

/// <summary>Builds the platform host; shared by Program, the functional tests and the load tool's in-process mode.</summary>
public static class PlatformApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPlatformLogging();
        builder.AddPlatformPersistence();
        builder.AddPlatformSilo();
        builder.AddPlatformSecurity();
        builder.AddPlatformApi();
        builder.AddConsolePush();
        builder.AddPlatformTelemetry();
        builder.AddPlatformHealth();
        builder.AddOperatorAuthentication();
        builder.AddDemoTenant();

        var app = builder.Build();
        app.UsePlatformLanguages();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseConsolePage();
        app.MapPlatformApi();
        app.MapConsoleHub();
        app.MapPlatformHealth();
        app.MapPlatformTelemetry();
        app.MapPlatformDashboard();
        return app;
    }
}
