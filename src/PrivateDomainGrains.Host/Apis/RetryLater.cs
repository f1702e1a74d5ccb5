using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// A ProblemDetails answer (429 or 503) with a <c>Retry-After</c> header of <see cref="Seconds"/>: the same request
/// may succeed then. Clients (the SDK's retry handler among them) wait that long before trying again.
/// </summary>
public sealed class RetryLater(ProblemHttpResult problem, int seconds) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>
{
    public int Seconds => seconds;
    public int? StatusCode => problem.StatusCode;
    public ProblemDetails Value => problem.ProblemDetails;
    object? IValueHttpResult.Value => Value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
