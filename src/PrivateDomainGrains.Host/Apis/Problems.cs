using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host;

/// <summary>ProblemDetails results with a clear message, the only error shape the API returns.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", detail);
    /// <summary>503 with <c>Retry-After</c>: the same request may succeed in a moment.</summary>
    public static IResult Unavailable(string detail) =>
        new RetryAfter(Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail), TransientFailureHandler.RetryAfterSeconds);

    /// <summary>429 with <c>Retry-After</c>: a limit was reached; <paramref name="retryAfter"/> is when the caller may try again.</summary>
    public static IResult TooManyRequests(string detail, TimeSpan retryAfter) =>
        new RetryAfter(Problem(StatusCodes.Status429TooManyRequests, "Too many requests", detail), (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds)));

    /// <summary>A 400 listing every error by the name (or JSON path) of what it is about.</summary>
    public static IResult Invalid(string detail, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail, title: "Invalid request");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    private sealed class RetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
