using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Hubs;

/// <summary>
/// A stopping node takes no new console connection. SignalR closes every hub connection the moment the stop begins
/// (SIGTERM raises the host's ApplicationStopping, before the drain), and consoles reconnect at once to the same node
/// (their retry policy; the proxy's affinity by console token). A connection made then would be closed by nobody: the
/// web server's stop waits for open WebSockets until the host's shutdown timeout, and only then does the silo begin to
/// stop, its time used up, its grains deactivated with their stop already cancelled. So while the node is stopping
/// (<see cref="ShutdownDrain.Stopping"/>) the hub's requests (negotiate and connect) are answered 503 with
/// <c>Retry-After</c>, and the console reconnects to another node.
/// </summary>
public static class ConsolesRefusedWhileStopping
{
    /// <summary>Seconds a refused console waits before it tries again (a proxy's next try goes to another node).</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Refuses requests to the console hub (<see cref="ConsoleHub.Path"/>) while the node stops.</summary>
    public static WebApplication RefuseConsolesWhileStopping(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<ShutdownDrain>();
        app.Use(async (http, next) =>
        {
            if (!drain.Stopping || !http.Request.Path.StartsWithSegments(ConsoleHub.Path))
            {
                await next(http);
                return;
            }
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: ProblemTitles.NodeStopping.Say(),
                detail: ApiPhrases.ConnectElsewhere.Say()).ExecuteAsync(http);
        });
        return app;
    }
}
