namespace PrivateDomainGrains.Host.Hosting;

public static class LoggingHostingExtensions
{
    /// <summary>
    /// What no configuration may turn on: ASP.NET Core's per-request lines (<c>Request starting GET /hubs/console?...</c>)
    /// carry the whole query string, and browsers' hub connections carry the console token there (the SignalR
    /// convention for WebSockets). Requests are counted and timed by the HTTP metrics and traces instead. The format
    /// (plain text, or JSON in <c>appsettings.Production.json</c>) is configuration: <c>Logging:Console:FormatterName</c>.
    /// </summary>
    public static WebApplicationBuilder AddPlatformLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        return builder;
    }
}
