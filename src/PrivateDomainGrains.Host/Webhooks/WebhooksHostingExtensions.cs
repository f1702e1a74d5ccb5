using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Webhooks;

public static class WebhooksHostingExtensions
{
    /// <summary>The resilience pipeline of one attempt (its timeout); the HttpClient factory names it <c>webhooks-webhook-attempt</c>.</summary>
    private const string AttemptPipeline = "webhook-attempt";

    /// <summary>
    /// Outgoing webhooks: options (section <c>Webhooks</c>), the subscriptions store (the outbox, <c>WebhookDeliveries</c>, is Persistence's: grains write to it too), the secrets'
    /// protector (needs <c>AddPlatformDataProtection</c>), the target check, the <c>webhooks</c> HttpClient (connecting
    /// through <see cref="WebhookTargets.ConnectAsync"/>) and the dispatcher.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookSubscriptions>();
        builder.Services.AddSingleton<WebhookSecretProtector>();
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            // Redirects are not followed: a receiver answers where it was registered, and a redirect must not carry the signed body elsewhere.
            // Every connection goes through WebhookTargets, which refuses non-public addresses; no proxy, or the check would judge the proxy's address.
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2), UseProxy = false,
                ConnectCallback = services.GetRequiredService<WebhookTargets>().ConnectAsync,
            })
            // A failed attempt is expected business, recorded in the delivery log and logged as one line by the dispatcher:
            // not as the factory's four lines per request and, for an attempt without an answer, two stack traces.
            .RemoveAllLoggers()
            // One attempt per request: retries are the outbox's (durable, with backoff for hours), not the handler's.
            .AddResilienceHandler(AttemptPipeline, (pipeline, context) =>
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout));
        // A receiver's timeout is its business too: Polly would log it at Error (and a failed attempt at Warning) besides
        // the dispatcher's line. Debug keeps the events in the resilience metrics and out of the log at the usual levels.
        builder.Services.Configure<TelemetryOptions>(telemetry =>
        {
            var next = telemetry.SeverityProvider;
            telemetry.SeverityProvider = args => args.Source.PipelineName?.EndsWith("-" + AttemptPipeline, StringComparison.Ordinal) == true
                ? ResilienceEventSeverity.Debug
                : next?.Invoke(args) ?? args.Event.Severity;
        });
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
