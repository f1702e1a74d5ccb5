using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host;

/// <summary>
/// ProblemDetails results with a clear message, the only error shape the API returns. Typed, so that a handler's
/// signature says what it answers: <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c>, plus <see cref="ValidationProblem"/>
/// when it reports several fields at once and <see cref="RetryLater"/> when it can ask for a retry. Every 400 names what
/// it is about in <c>errors</c> (a parameter, a body field by its name or JSON path), as the OpenAPI document says
/// (<c>HttpValidationProblemDetails</c>), so a client can put the message beside the field.
/// </summary>
public static class Problems
{
    /// <summary>A 400 about one field: <c>{"detail":"'limit' must be 1-200","errors":{"limit":["'limit' must be 1-200"]}}</c>.</summary>
    public static ProblemHttpResult BadRequest(string field, string detail) => BadRequest([field], detail);

    /// <summary>A 400 about fields that go together (two that exclude each other, a range): each named in <c>errors</c>.</summary>
    public static ProblemHttpResult BadRequest(IReadOnlyList<string> fields, string detail) =>
        BadRequest(fields.ToDictionary(f => f, _ => new[] { detail }), detail);

    /// <summary>A 400 listing each field's errors, where the handler's answer is a <see cref="ProblemHttpResult"/> (see <see cref="Invalid"/>).</summary>
    public static ProblemHttpResult BadRequest(IDictionary<string, string[]> errors, string detail) =>
        Fields(StatusCodes.Status400BadRequest, ProblemTitles.InvalidRequest, errors, detail);

    /// <summary>A 400 for an id (in the path, the query or the body) that is not one: <see cref="Ids.Rule"/>.</summary>
    public static ProblemHttpResult InvalidId(string field) => BadRequest(field, Ids.Describe(field));

    public static ProblemHttpResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, ProblemTitles.Unauthorized, detail);
    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, ProblemTitles.Forbidden, detail);
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, ProblemTitles.NotFound, detail);
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, ProblemTitles.Conflict, detail);

    /// <summary>A 404 about what one field names (a tag no one holds), named in <c>errors</c> as a 400 names it.</summary>
    public static ProblemHttpResult NotFound(string field, string detail) =>
        Fields(StatusCodes.Status404NotFound, ProblemTitles.NotFound, new Dictionary<string, string[]> { [field] = [detail] }, detail);

    /// <summary>A 409 about one field's value (a URL subscribed already), named in <c>errors</c> as a 400 names it.</summary>
    public static ProblemHttpResult Conflict(string field, string detail) =>
        Fields(StatusCodes.Status409Conflict, ProblemTitles.Conflict, new Dictionary<string, string[]> { [field] = [detail] }, detail);

    public static ProblemHttpResult TooLarge(string detail) => Problem(StatusCodes.Status413PayloadTooLarge, ProblemTitles.TooLarge, detail);

    /// <summary>A 415: the body's <c>Content-Type</c> (or charset) is not one the route reads.</summary>
    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTitles.UnsupportedMediaType, detail);

    /// <summary>503 with <c>Retry-After</c>: the same request may succeed in a moment.</summary>
    public static RetryLater Unavailable(string detail) =>
        new(Problem(StatusCodes.Status503ServiceUnavailable, ProblemTitles.Unavailable, detail), TransientFailureHandler.RetryAfterSeconds);

    /// <summary>429 with <c>Retry-After</c>: a limit was reached; <paramref name="retryAfter"/> is when the caller may try again.</summary>
    public static RetryLater TooManyRequests(string detail, TimeSpan retryAfter) =>
        new(Problem(StatusCodes.Status429TooManyRequests, ProblemTitles.TooManyRequests, detail), (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds)));

    /// <summary>A 400 listing every error by the name (or JSON path) of what it is about.</summary>
    public static ValidationProblem Invalid(string detail, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail, title: ProblemTitles.InvalidRequest.Say());

    private static ProblemHttpResult Fields(int status, Phrase title, IDictionary<string, string[]> errors, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = status, Title = title.Say(), Detail = detail });

    private static ProblemHttpResult Problem(int status, Phrase title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title.Say());
}
