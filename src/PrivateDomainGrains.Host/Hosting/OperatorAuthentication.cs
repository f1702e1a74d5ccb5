using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Hosting;

/// <summary>
/// The platform operator's key as an authentication scheme, for the operations endpoints that are not API routes
/// (<c>/metrics</c>, the Orleans dashboard): presented as a bearer token (Prometheus' <c>authorization</c> setting,
/// scripts) or as the password of HTTP basic authentication with any user name (a browser asks for it once and sends it
/// with every request of the dashboard's page). API routes keep <see cref="OperatorKeyFilter"/>.
/// </summary>
public static class OperatorAuthentication
{
    public const string Scheme = "Operator";
    public const string Policy = "Operator";

    public static WebApplicationBuilder AddOperatorAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>The key from <c>Authorization: Bearer &lt;key&gt;</c> or <c>Authorization: Basic base64(user:key)</c>.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        if (ApiKeys.BearerToken(request) is { } bearer) return bearer;
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Handler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<PlatformOptions> platform)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (PresentedKey(Request) is not { } presented) return Task.FromResult(AuthenticateResult.NoResult());
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(platform.Value.OperatorKey)))
                return Task.FromResult(AuthenticateResult.Fail("not the operator key"));
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator")], OperatorAuthentication.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), OperatorAuthentication.Scheme)));
        }

        /// <summary>401 asking a browser for the key (basic) and naming the bearer alternative.</summary>
        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.Append("WWW-Authenticate", "Basic realm=\"PrivateDomainGrains operator\", charset=\"UTF-8\"");
            Response.Headers.Append("WWW-Authenticate", "Bearer");
            return Task.CompletedTask;
        }
    }
}
