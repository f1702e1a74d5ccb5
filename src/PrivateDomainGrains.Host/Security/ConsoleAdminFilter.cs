using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Security;

public static class ConsoleAdminFilterExtensions
{
    /// <summary>
    /// Lets only a signed-in admin through a console route (<c>RequireConsoleToken()</c> first); a manager or a staff
    /// member gets a 403 ProblemDetails with <paramref name="detail"/>.
    /// </summary>
    public static TBuilder RequireConsoleAdmin<TBuilder>(this TBuilder builder, string detail) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => ConsoleUser.From(context.HttpContext.User) is { IsAdmin: true }
                ? await next(context) : Problems.Forbidden(detail))
            .WithProblem(StatusCodes.Status403Forbidden, "The signed-in staff member is not an admin");
}
