using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// A route, query or header parameter that does not bind (<c>?limit=abc</c>, a required one missing) is a 400
/// ValidationProblemDetails naming the parameter: <c>{"errors":{"limit":["'abc' is not a whole number"]}}</c>. ASP.NET
/// Core's minimal APIs throw <see cref="BadHttpRequestException"/> for those when <c>RouteHandlerOptions.ThrowOnBadRequest</c>
/// is on (see <c>ApiHostingExtensions</c>) and name the parameter only in the message, in the forms of
/// RequestDelegateFactory's log messages: <c>Failed to bind parameter "int? limit" from "abc".</c> and
/// <c>Required parameter "string id" was not provided from route.</c>. A whole number is said with the range the route
/// declares on its parameter (<c>[Range(1, 500)] int? limit</c>: <c>'limit' must be a whole number from 1 to 500, not
/// 'abc'</c>), not its type's. Other bad requests (a body too large) keep
/// their own status and a generic detail. Worded in the request's language: the exception handler runs inside the
/// request localization (<c>UsePlatformLanguages</c> comes first in <c>PlatformApp</c>).
/// </summary>
public sealed partial class BadParameterHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        http.Response.StatusCode = bad.StatusCode;
        var match = Parameter().Match(bad.Message);
        var details = match.Success
            ? new ValidationProblemDetails(new Dictionary<string, string[]> { [match.Groups["name"].Value] = [Reason(http, bad.Message, match)] })
            {
                Title = ProblemTitles.For(bad.StatusCode), Detail = ApiPhrases.ParameterInvalid.Say(match.Groups["name"].Value),
            }
            : new ProblemDetails { Title = ProblemTitles.For(bad.StatusCode), Detail = ApiPhrases.RequestUnreadable.Say() };
        details.Status = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = details });
    }

    private static string Reason(HttpContext http, string message, Match match)
    {
        if (message.Contains("request body", StringComparison.Ordinal)) return ApiPhrases.BodyNotOfShape.Say();
        if (!match.Groups["value"].Success) return CommonPhrases.Required.Say();
        var (name, value) = (match.Groups["name"].Value, match.Groups["value"].Value);
        var type = match.Groups["type"].Value.TrimEnd('?');
        if (type.StartsWith("Nullable<", StringComparison.Ordinal)) type = type["Nullable<".Length..^1];
        // The middleware clears the context's endpoint before its handlers run; its feature keeps the one that threw.
        var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var declared = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
        var expected = (ParameterTypes.TryGetValue(type, out var t) ? JsonValueErrors.Expected(t, declared) : null) ?? ApiPhrases.ExpectedForm.Say();
        return PlainText.HasControlCharacters(value) ? ApiPhrases.ParameterControl.Say(name, expected) : ApiPhrases.ParameterNotOf.Say(name, expected, value);
    }

    /// <summary>The types parameters are declared with, as the binder's messages spell them: said in the words bodies use (<see cref="JsonValueErrors.Expected"/>).</summary>
    private static readonly Dictionary<string, Type> ParameterTypes = new()
    {
        ["int"] = typeof(int), ["Int32"] = typeof(int), ["long"] = typeof(long), ["Int64"] = typeof(long), ["short"] = typeof(short),
        ["bool"] = typeof(bool), ["Boolean"] = typeof(bool), ["DateTimeOffset"] = typeof(DateTimeOffset), ["DateTime"] = typeof(DateTime),
        ["DateOnly"] = typeof(DateOnly), ["Guid"] = typeof(Guid), ["double"] = typeof(double), ["decimal"] = typeof(decimal), ["float"] = typeof(float),
    };

    [GeneratedRegex("""parameter "(?<type>[^" ]+) (?<name>[^" ]+)"( from "(?<value>.*)"\.$)?""", RegexOptions.Singleline)]
    private static partial Regex Parameter();
}
