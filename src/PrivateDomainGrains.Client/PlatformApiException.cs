using System.Net;

namespace PrivateDomainGrains.Client;

/// <summary>
/// The platform answered with an error status. <see cref="Problem"/> is its ProblemDetails (every error of the API is
/// one): <see cref="ApiProblem.Detail"/> names what is wrong, <see cref="ApiProblem.Errors"/> the fields or JSON paths.
/// </summary>
public sealed class PlatformApiException(string message, HttpStatusCode statusCode, ApiProblem? problem, TimeSpan? retryAfter)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public ApiProblem? Problem { get; } = problem;

    /// <summary>From <c>Retry-After</c> on 429 and 503: when the same request may succeed.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
