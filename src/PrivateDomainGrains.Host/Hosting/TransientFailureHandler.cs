using Microsoft.AspNetCore.Diagnostics;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// Answers a request that failed for a transient reason (<see cref="TransientFailures"/>) with 503 and
/// <c>Retry-After</c>, as a ProblemDetails, logged as a warning. Every other unhandled exception is left to the
/// default handler: a 500 ProblemDetails, logged as an error.
/// </summary>
public sealed class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFailures.Is(exception)) return false;
        logger.LogWarning(exception, "{Method} {Path} failed for a transient reason; answered 503", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = ProblemTitles.Unavailable.Say(),
                Detail = ApiPhrases.TransientFailure.Say(),
            },
        });
    }
}
