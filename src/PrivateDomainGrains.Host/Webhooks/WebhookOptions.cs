using System.ComponentModel.DataAnnotations;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>Outgoing webhooks (section <c>Webhooks</c>): how the dispatcher drains the outbox, retries, and gives up.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>How often an idle dispatcher looks for due deliveries (it goes on at once while it finds full batches).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one claim takes.</summary>
    [Range(1, 10_000)] public int ClaimBatch { get; set; } = 200;

    /// <summary>Requests in flight per node.</summary>
    [Range(1, 1_000)] public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>How long one attempt may take (connect, send, answer) before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed delivery is reserved for its attempt; a node that dies leaves it to others after this. It must
    /// exceed <see cref="LongestClaim"/>, or the last deliveries of a claim to slow receivers would be claimed and sent again
    /// by another node while the first attempt is still under way.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a claim can take to go through when every receiver answers at the last moment: its deliveries start
    /// <see cref="MaxConcurrentDeliveries"/> at a time, so the last starts after ceil(ClaimBatch / MaxConcurrentDeliveries) - 1
    /// attempts and ends one attempt later (70 s with the defaults).
    /// </summary>
    public TimeSpan LongestClaim => RequestTimeout * Math.Ceiling((double)ClaimBatch / Math.Max(1, MaxConcurrentDeliveries));

    /// <summary>Wait after the first failed attempt; doubled after each further one (with ±20% jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a notification is retried after it was written (or replayed) before it is marked failed.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A subscription is disabled after this many failed attempts in a row ...</summary>
    [Range(1, 1_000_000)] public int DisableAfterConsecutiveFailures { get; set; } = 20;

    /// <summary>... spread over at least this long (so a receiver down for a short while is not disabled by a burst).</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long delivered and failed notifications stay in the delivery log.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Subscriptions a tenant may have.</summary>
    [Range(1, 1_000)] public int MaxSubscriptionsPerTenant { get; set; } = 20;

    /// <summary>Accept <c>http://</c> subscription URLs (development and tests); otherwise only <c>https://</c>.</summary>
    public bool AllowInsecureUrls { get; set; }

    /// <summary>
    /// Accept subscriptions to, and connect to, loopback, link-local, private, multicast and other non-public addresses
    /// (development and tests, whose receivers listen on 127.0.0.1); off, both are refused (<see cref="WebhookTargets"/>).
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(PollInterval), PollInterval), (nameof(RequestTimeout), RequestTimeout), (nameof(RetryBaseDelay), RetryBaseDelay),
                     (nameof(MaxRetryDelay), MaxRetryDelay), (nameof(RetryFor), RetryFor), (nameof(Retention), Retention),
                 })
        {
            if (value <= TimeSpan.Zero) yield return new ValidationResult($"{Section}:{name} must be positive", [name]);
        }
        if (DisableAfterFailingFor < TimeSpan.Zero)
            yield return new ValidationResult($"{Section}:{nameof(DisableAfterFailingFor)} must not be negative", [nameof(DisableAfterFailingFor)]);
        if (Lease <= LongestClaim)
            yield return new ValidationResult(
                $"{Section}:{nameof(Lease)} ({Lease}) must exceed {nameof(RequestTimeout)} x ceil({nameof(ClaimBatch)} / {nameof(MaxConcurrentDeliveries)}) " +
                $"({LongestClaim}): the last delivery of a claim may start that late, and one still under way when its lease ends is sent twice",
                [nameof(Lease)]);
        if (MaxRetryDelay < RetryBaseDelay)
            yield return new ValidationResult($"{Section}:{nameof(MaxRetryDelay)} must be at least {nameof(RetryBaseDelay)}", [nameof(MaxRetryDelay)]);
    }
}
