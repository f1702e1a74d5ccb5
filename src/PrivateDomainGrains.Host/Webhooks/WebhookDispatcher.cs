using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// Drains the webhook outbox on every node: claims due deliveries (<see cref="WebhookDeliveries.ClaimAsync"/>, shared
/// with the other nodes through SKIP LOCKED), posts each signed (<see cref="WebhookSigner"/>) through the
/// <c>webhooks</c> HttpClient (no redirects; each attempt bounded by <see cref="WebhookOptions.RequestTimeout"/> through
/// Microsoft.Extensions.Http.Resilience), and records the outcome: a 2xx is delivered, anything else is tried again
/// with exponential backoff and jitter (longer if the receiver's 429 or 503 says <c>Retry-After</c>) until
/// <see cref="WebhookOptions.RetryFor"/> has passed. Up to <see cref="WebhookOptions.MaxConcurrentDeliveries"/> attempts
/// run at once, each claimed delivery starting as a slot frees; successes are recorded together as they come. Retries
/// live in the outbox, not in memory: a node that stops or dies mid-attempt leaves the delivery to be claimed again (at least once).
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
    private const int MaxSuccessesPerWrite = 1000;
    private static readonly TimeSpan BusyPollInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxCachedSecrets = 10_000;
    private readonly ConcurrentDictionary<(string Tenant, string Protected), string> _secrets = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var nextPrune = time.GetUtcNow();
        using var slots = new SemaphoreSlim(o.MaxConcurrentDeliveries);
        var delivered = Channel.CreateUnbounded<(WebhookDeliveryRow, int)>(new UnboundedChannelOptions { SingleReader = true });
        var recording = RecordSuccessesAsync(delivered.Reader);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var claimed = 0;
                try
                {
                    // A pipeline, not batch by batch: each claimed delivery starts as soon as a slot is free, and the next
                    // claim follows once the last of this one has started, so a slow request holds one slot, not a whole
                    // claim's worth of idle slots waiting for it.
                    var batch = await deliveries.ClaimAsync(o.ClaimBatch, o.Lease, stoppingToken);
                    claimed = batch.Count;
                    foreach (var delivery in batch)
                    {
                        await slots.WaitAsync(stoppingToken);
                        _ = AttemptAsync(delivery, slots, delivered.Writer, stoppingToken);
                    }
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
                        // Idle: look again after the poll interval. Notifications trickling in: sooner, so that one waits
                        // about a tenth of a second, not a whole interval, and the claims stay at most ten a second.
                        await Task.Delay(claimed == 0 || o.PollInterval < BusyPollInterval ? o.PollInterval : BusyPollInterval, time, stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            // Stopping: the attempts under way end (cancelled ones come back after their lease), then what succeeded is recorded.
            for (var i = 0; i < o.MaxConcurrentDeliveries; i++) await slots.WaitAsync(CancellationToken.None);
            delivered.Writer.Complete();
            await recording;
        }
    }

    /// <summary>One attempt in its slot; a success goes to <paramref name="delivered"/> to be recorded with others.</summary>
    private async Task AttemptAsync(ClaimedDelivery delivery, SemaphoreSlim slots, ChannelWriter<(WebhookDeliveryRow, int)> delivered, CancellationToken ct)
    {
        try
        {
            if (await DeliverAsync(delivery, ct) is { } status) delivered.TryWrite((delivery.Delivery, status));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping mid-attempt: the delivery comes back after its lease.
        }
        catch (Exception ex)
        {
            // Recording the failure failed (the database is away): the delivery comes back after its lease.
            LogDrainFailed(ex);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Records successes as they come, all that are waiting in one round trip. A crash before a success is recorded sends
    /// it again after the lease, which at-least-once allows; so does a failed write (logged).
    /// </summary>
    private async Task RecordSuccessesAsync(ChannelReader<(WebhookDeliveryRow, int)> delivered)
    {
        var batch = new List<(WebhookDeliveryRow, int)>();
        while (await delivered.WaitToReadAsync())
        {
            while (batch.Count < MaxSuccessesPerWrite && delivered.TryRead(out var success)) batch.Add(success);
            try
            {
                await deliveries.RecordSuccessesAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogDrainFailed(ex);
            }
            batch.Clear();
        }
    }

    /// <summary>One attempt; returns the receiver's status when it took the notification (2xx), null when the attempt failed (recorded).</summary>
    private async Task<int?> DeliverAsync(ClaimedDelivery claimed, CancellationToken ct)
    {
        var delivery = claimed.Delivery;
        string secret;
        try
        {
            secret = Secret(delivery.Tenant, claimed.ProtectedSecret);
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
        error = WebhookDeliveries.BoundedError(error);
        var delay = Backoff(delivery.Failures, o);
        if (retryAfter is { } asked && asked > delay) delay = asked < o.MaxRetryDelay ? asked : o.MaxRetryDelay;
        var disabled = await deliveries.RecordFailureAsync(delivery, status, error, delay, o.RetryFor, o.DisableAfterConsecutiveFailures,
            o.DisableAfterFailingFor, CancellationToken.None);
        LogAttemptFailed(delivery.Id, delivery.Tenant, delivery.SubscriptionId, delivery.Failures + 1, status?.ToString(CultureInfo.InvariantCulture) ?? "no answer",
            error, delay);
        if (disabled) LogDisabled(delivery.Tenant, delivery.SubscriptionId, o.DisableAfterConsecutiveFailures);
    }

    /// <summary>
    /// A subscription's secret in clear, decrypted once per protected value (a rotation changes it) rather than per attempt:
    /// each Unprotect derives a key and decrypts, a cost every delivery paid. Tenants have few subscriptions; the cache is
    /// emptied if it ever holds more than <see cref="MaxCachedSecrets"/>.
    /// </summary>
    private string Secret(string tenant, string protectedSecret)
    {
        if (_secrets.TryGetValue((tenant, protectedSecret), out var secret)) return secret;
        if (_secrets.Count >= MaxCachedSecrets) _secrets.Clear();
        return _secrets[(tenant, protectedSecret)] = secrets.Unprotect(tenant, protectedSecret);
    }

    /// <summary>RetryBaseDelay × 2^failures, capped at MaxRetryDelay, ±20% jitter so receivers coming back are not hit all at once.</summary>
    public static TimeSpan Backoff(int failuresBefore, WebhookOptions o)
    {
        var exponential = o.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failuresBefore, 30));
        var capped = Math.Min(exponential, o.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>
    /// One line per failed attempt, no stack trace, the error bounded as stored: a receiver that is down or answers an
    /// error is the receiver's business, and the delivery log keeps the record.
    /// </summary>
    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId} to {Tenant}/{SubscriptionId}: attempt {Attempt} failed, {Status} ({Error}); next in {RetryIn}")]
    private partial void LogAttemptFailed(long deliveryId, string tenant, string subscriptionId, int attempt, string status, string error, TimeSpan retryIn);

    [LoggerMessage(LogLevel.Warning, "Webhook subscription {Tenant}/{SubscriptionId} disabled after {Failures} failed attempts in a row; enable it again with PUT once the receiver works")]
    private partial void LogDisabled(string tenant, string subscriptionId, int failures);

    [LoggerMessage(LogLevel.Warning, "Draining the webhook outbox failed; claimed deliveries are tried again after their lease")]
    private partial void LogDrainFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "Pruned {Count} delivered or failed webhook notifications past their retention")]
    private partial void LogPruned(int count);
}
