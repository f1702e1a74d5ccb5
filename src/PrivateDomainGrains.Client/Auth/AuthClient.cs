using PrivateDomainGrains.Client.Http;

namespace PrivateDomainGrains.Client;

/// <summary><c>/api/v1/auth/console-token</c>: staff sign-in for the console (no key).</summary>
public sealed class AuthClient
{
    private readonly PlatformHttp _http;

    internal AuthClient(PlatformHttp http) => _http = http;

    /// <summary>Signs a staff member of the configured tenant in: a short-lived console token (<c>SignIn</c>).</summary>
    /// <exception cref="PlatformApiException">
    /// 401 for an unknown staff member or a wrong password (alike); 403 when disabled; 429 after too many failures
    /// (<see cref="PlatformApiException.RetryAfter"/> says how long).
    /// </exception>
    public Task<ConsoleToken> SignInAsync(string staffId, string password, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/auth/console-token", null,
            PlatformHttp.Json(new ConsoleTokenRequest(Tenant(), staffId, password), ClientJson.Default.ConsoleTokenRequest), idempotent: true,
            ClientJson.Default.ConsoleToken, cancellationToken);

    /// <summary>A fresh token for the same staff member, while <paramref name="accessToken"/> is still valid (<c>RefreshConsoleToken</c>).</summary>
    /// <exception cref="PlatformApiException">401 when the token is invalid, expired or its session ended: sign in again.</exception>
    public Task<ConsoleToken> RefreshAsync(string accessToken, CancellationToken cancellationToken = default) =>
        _http.SendAsync(HttpMethod.Post, "api/v1/auth/console-token/refresh", accessToken, null, idempotent: true,
            ClientJson.Default.ConsoleToken, cancellationToken);

    private string Tenant() => _http.Options.Tenant ?? throw new InvalidOperationException("Sign-in is for a tenant: set Tenant");
}
