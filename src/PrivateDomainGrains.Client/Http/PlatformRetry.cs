using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PrivateDomainGrains.Client.Http;

/// <summary>
/// The retry strategy <c>AddPrivateDomainGrainsClient</c> puts in front of the client. A 429 is always retried: the
/// platform refused the request before doing anything. A transient failure (5xx, 408, no answer) is retried only for a
/// request marked idempotent, because the first attempt may have done its work: posting the same events again is safe
/// (event ids make the second a duplicate; the very same body is resent, never new ids), creating a tenant again is not
/// (the second gets a 409 and the keys of the first are lost). The wait honours <c>Retry-After</c>.
/// </summary>
internal static class PlatformRetry
{
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("PrivateDomainGrains.Idempotent");

    public static HttpRetryStrategyOptions Strategy(int maxRetries) => new()
    {
        MaxRetryAttempts = maxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(500),
        ShouldRetryAfterHeader = true,
        ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
    };

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests) return true;
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        var idempotent = request is not null && request.Options.TryGetValue(Idempotent, out var marked) && marked;
        return idempotent && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
