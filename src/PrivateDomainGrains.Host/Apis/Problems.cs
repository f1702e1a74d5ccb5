using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host;

/// <summary>
/// ProblemDetails results with a clear message, the only error shape the API returns. Typed, so that a handler's
/// signature says what it answers: <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>, plus <see cref="ValidationProblem"/>
/// when it reports several fields at once and <see cref="RetryLater"/> when it can ask for a retry.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);
    public static ProblemHttpResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static ProblemHttpResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", detail);

    /// <summary>503 with <c>Retry-After</c>: the same request may succeed in a moment.</summary>
    public static RetryLater Unavailable(string detail) =>
        new(Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail), TransientFailureHandler.RetryAfterSeconds);

    /// <summary>429 with <c>Retry-After</c>: a limit was reached; <paramref name="retryAfter"/> is when the caller may try again.</summary>
    public static RetryLater TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(Problem(StatusCodes.Status429TooManyRequests, "Too many requests", detail), (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds)));

    /// <summary>A 400 listing every error by the name (or JSON path) of what it is about.</summary>
    public static ValidationProblem Invalid(string detail, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail, title: "Invalid request");

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
