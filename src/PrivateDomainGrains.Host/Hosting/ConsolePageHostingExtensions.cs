using System.Text.RegularExpressions;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// The console is a single-page app with client routes (/queue, /customers/x): a GET or HEAD that no route and no file
/// answers, outside the API's and the operator's paths, gets its page. Served after routing rather than as a fallback
/// route: a route every path matches would make any other method on any path a 405 (the method policy answers before
/// the route's constraints), where a request nothing answers is a 404 problem, and only a route that exists but does not
/// take the method is a 405.
/// </summary>
public static partial class ConsolePageHostingExtensions
{
    /// <summary>Answers a GET or HEAD no endpoint took with the console's <c>index.html</c>; the rest go on to their 404.</summary>
    public static IApplicationBuilder UseConsolePage(this IApplicationBuilder app) =>
        app.UseWhen(IsConsoleRoute, page =>
        {
            page.Use((context, next) =>
            {
                context.Request.Path = "/index.html";
                return next(context);
            });
            page.UseStaticFiles();
        });

    private static bool IsConsoleRoute(HttpContext context) =>
        context.GetEndpoint() is null
        && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && ClientRoute().IsMatch(context.Request.Path.Value ?? "/");

    /// <summary>Not an API, hub, OpenAPI, docs, health, metrics or dashboard path, and not a missing file (a dot in the last segment).</summary>
    [GeneratedRegex(@"^/(?!(api|hubs|openapi|docs|health|metrics|dashboard)(/|$))([^/]*/)*[^/.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ClientRoute();
}
