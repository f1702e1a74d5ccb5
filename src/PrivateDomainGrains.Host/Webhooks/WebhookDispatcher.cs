using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// Drains the webhook outbox on every node: claims due deliveries (<see cref="WebhookDeliveries.ClaimAsync"/>, shared
/// with the other nodes through SKIP LOCKED), posts each signed (<see cref="WebhookSigner"/>) through the
/// <c>webhooks</c> HttpClient (no redirects; each attempt bounded by <see cref="WebhookOptions.RequestTimeout"/> through
/// Microsoft.Extensions.Http.Resilience), and records the outcome: a 2xx is delivered, anything else is tried again
/// with exponential backoff and jitter (longer if the receiver's 429 or 503 says <c>Retry-After</c>) until
/// <see cref="WebhookOptions.RetryFor"/> has passed. Retries live in the outbox, not in memory: a node that stops
/// or dies mid-attempt leaves the delivery to be claimed again (at least once).
/// </summary>
public sealed partial class WebhookDispatcher(
    WebhookDeliveries deliveries,
    WebhookSecretProtector secrets,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var nextPrune = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                var batch = await deliveries.ClaimAsync(o.ClaimBatch, o.Lease, stoppingToken);
                claimed = batch.Count;
                var delivered = new ConcurrentBag<(WebhookDeliveryRow, int)>();
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.MaxConcurrentDeliveries, CancellationToken = stoppingToken },
                    async (delivery, ct) =>
                    {
                        if (await DeliverAsync(delivery, ct) is { } status) delivered.Add((delivery.Delivery, status));
                    });
                // Successes are recorded together (failures at once, each with its own backoff): a crash before this
                // sends them again after the lease, which at-least-once allows.
                if (!delivered.IsEmpty) await deliveries.RecordSuccessesAsync([.. delivered], CancellationToken.None);
                if (time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = time.GetUtcNow() + PruneEvery;
                    var pruned = await deliveries.PruneAsync(time.GetUtcNow() - o.Retention, stoppingToken);
                    if (pruned > 0) LogPruned(pruned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away: claimed rows come back after their lease.
                LogDrainFailed(ex);
            }
            if (claimed < o.ClaimBatch)
            {
                try
                {
                    await Task.Delay(o.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One attempt; returns the receiver's status when it took the notification (2xx), null when the attempt failed (recorded).</summary>
    private async Task<int?> DeliverAsync(ClaimedDelivery claimed, CancellationToken ct)
    {
        var delivery = claimed.Delivery;
        string secret;
        try
        {
            secret = secrets.Unprotect(delivery.Tenant, claimed.ProtectedSecret);
        }
        catch (CryptographicException ex)
        {
            await FailAsync(delivery, null, $"the signing secret cannot be decrypted on this node: {ex.Message}", null);
            return null;
        }

        var body = WebhookPayload.Serialize(delivery);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, claimed.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSigner.IdHeader, delivery.NotificationId);
        request.Headers.Add(WebhookSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, delivery.NotificationId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("PrivateDomainGrains-Webhooks", "1"));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return status;
            var retryAfter = response.Headers.RetryAfter is { } ra ? ra.Delta ?? (ra.Date - time.GetUtcNow()) : null;
            await FailAsync(delivery, status, $"answered {status} {response.ReasonPhrase}", retryAfter);
            return null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            await FailAsync(delivery, null, ex.Message, null);
            return null;
        }
    }

    private async Task FailAsync(WebhookDeliveryRow delivery, int? status, string error, TimeSpan? retryAfter)
    {
        var o = options.Value;
        var delay = Backoff(delivery.Failures, o);
        if (retryAfter is { } asked && asked > delay) delay = asked < o.MaxRetryDelay ? asked : o.MaxRetryDelay;
        var disabled = await deliveries.RecordFailureAsync(delivery, status, error, delay, o.RetryFor, o.DisableAfterConsecutiveFailures,
            o.DisableAfterFailingFor, CancellationToken.None);
        LogAttemptFailed(delivery.Id, delivery.Tenant, delivery.SubscriptionId, delivery.Failures + 1, status?.ToString(CultureInfo.InvariantCulture) ?? "no answer",
            error, delay);
        if (disabled) LogDisabled(delivery.Tenant, delivery.SubscriptionId, o.DisableAfterConsecutiveFailures);
    }

    /// <summary>RetryBaseDelay × 2^failures, capped at MaxRetryDelay, ±20% jitter so receivers coming back are not hit all at once.</summary>
    public static TimeSpan Backoff(int failuresBefore, WebhookOptions o)
    {
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failuresBefore, 30));
        var capped = Math.Min(exponential, o.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>One line per failed attempt, no stack trace: a receiver that is down or answers an error is the receiver's business, and the delivery log keeps the record.</summary>
    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} to {Tenant}/{SubscriptionId}: attempt {Attempt} failed, {Status} ({Error}); next in {RetryIn}")]
    private partial void LogAttemptFailed(long deliveryId, string tenant, string subscriptionId, int attempt, string status, string error, TimeSpan retryIn);

    [LoggerMessage(LogLevel.Warning, "Webhook subscription {Tenant}/{SubscriptionId} disabled after {Failures} failed attempts in a row; enable it again with PUT once the receiver works")]
    private partial void LogDisabled(string tenant, string subscriptionId, int failures);

    [LoggerMessage(LogLevel.Warning, "Draining the webhook outbox failed; claimed deliveries are tried again after their lease")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Pruned {Count} delivered or failed webhook notifications past their retention")]
    private partial void LogPruned(int count);
}
