using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using PrivateDomainGrains.Abstractions.Customers;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// A write naming a customer whose personal data was erased (<see cref="CustomerErasedException"/>, thrown by the
/// customer grain before it stores anything) is a 409 ProblemDetails titled "Erased" naming the customer and when:
/// the same for every route (owner, tags, remark...), as the events API refuses each such event as a conflict. Not
/// logged as a failure: the caller's request, answered.
/// </summary>
public sealed class CustomerErasedHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CustomerErasedException erased) return false;
        http.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = ProblemTitles.Erased.Say(),
                Detail = ApiPhrases.CustomerErased.Say(erased.CustomerId, erased.ErasedAt.ToString("O", CultureInfo.InvariantCulture)),
            },
        });
    }
}
