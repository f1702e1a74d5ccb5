namespace PrivateDomainGrains.Host;

/// <summary>ProblemDetails results with a clear message, the only error shape the API returns.</summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Invalid request", detail);
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, "Request too large", detail);
    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail);

    /// <summary>A 400 listing every error by the name (or JSON path) of what it is about.</summary>
    public static IResult Invalid(string detail, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail, title: "Invalid request");

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
