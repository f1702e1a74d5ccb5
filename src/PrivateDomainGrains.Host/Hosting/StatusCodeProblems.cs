using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// An error status no handler wrote a body for, mostly a request no route takes (a path that does not exist, a numeric
/// id that is not a number in an old client's URL, a method the path does not take: 404, 405), answered as a ProblemDetails
/// like every other error, whatever the request's <c>Accept</c> says. The framework's own status-code page writes one
/// only when the client accepts JSON and plain text otherwise; a client of this API always gets problem+json. Worded in
/// the request's language (<see cref="ApiPhrases"/>, <see cref="ProblemTitles"/>).
/// </summary>
public static class StatusCodeProblems
{
    /// <summary>The <c>UseStatusCodePages</c> handler.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var title = ProblemTitles.For(status);
        var detail = status switch
        {
            StatusCodes.Status404NotFound => ApiPhrases.NoRoute.Say(http.Request.Method, http.Request.Path),
            StatusCodes.Status405MethodNotAllowed => ApiPhrases.MethodNotTaken.Say(http.Request.Path, http.Request.Method),
            _ => title,
        };
        // ProblemHttpResult writes through IProblemDetailsService, and as problem+json itself when that declines (Accept: text/html).
        return TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail }).ExecuteAsync(http);
    }
}
