using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// An error status no handler wrote a body for, mostly a request no route takes (a path that does not exist, a numeric
/// id that is not a number in an old client's URL, a method the path does not take: 404, 405), answered as a ProblemDetails
/// like every other error, whatever the request's <c>Accept</c> says. The framework's own status-code page writes one
/// only when the client accepts JSON and plain text otherwise; a client of this API always gets problem+json.
/// </summary>
public static class StatusCodeProblems
{
    /// <summary>The <c>UseStatusCodePages</c> handler.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status404NotFound => $"Nothing answers {http.Request.Method} {http.Request.Path}: the routes are listed in /openapi/v1.json",
            StatusCodes.Status405MethodNotAllowed => $"{http.Request.Path} does not take {http.Request.Method}: see /openapi/v1.json for the methods it takes",
            _ => ReasonPhrases.GetReasonPhrase(status),
        };
        // ProblemHttpResult writes through IProblemDetailsService, and as problem+json itself when that declines (Accept: text/html).
        return TypedResults.Problem(new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = detail }).ExecuteAsync(http);
    }
}
