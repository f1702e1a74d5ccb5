using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>Staff sign-in for the console: short-lived signed tokens (JWT) for the hub and the console routes.</summary>
public static class AuthApi
{
    /// <summary>A staff member's sign-in. Declared as the contract reads; the handler checks every field (400 naming it).</summary>
    public sealed record ConsoleTokenRequest(string Tenant, string StaffId, string Password);

    /// <param name="AccessToken">The JWT: <c>Authorization: Bearer</c> on console routes, <c>?access_token=</c> on the hub.</param>
    /// <param name="ExpiresAt">When it stops working; renew it before (<c>RefreshConsoleToken</c>).</param>
    public sealed record ConsoleToken(string AccessToken, DateTimeOffset ExpiresAt, string Tenant, string StaffId);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var token = api.MapGroup("/auth/console-token").WithTags("Auth");
        token.MapPost("", IssueAsync).WithName("SignIn").AllowAnonymous()
            .WithSummary("Sign a staff member in: a short-lived token for the console hub (?access_token=) and console routes.")
            .WithJsonBody<ConsoleTokenRequest>()
            .WithProblem(StatusCodes.Status401Unauthorized, "Unknown staff member or wrong password (answered alike)")
            .WithProblem(StatusCodes.Status403Forbidden, "The staff member is disabled")
            .WithProblem(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins for this staff member, right password or not, or too many sign-ins from this address");
        // The handler authenticates the token itself, to answer its own 401 ("sign in again").
        token.MapPost("/refresh", RefreshAsync).WithName("RefreshConsoleToken").WithMetadata(ApiCredentialMetadata.ConsoleToken)
            .WithSummary("Renew a console token before it expires: a fresh token for the same tenant and staff member.")
            .WithProblem(StatusCodes.Status401Unauthorized, "No token, or one that is invalid, expired, or of an ended session: sign in again");
        return api;
    }

    private static async Task<Results<Ok<ConsoleToken>, ProblemHttpResult, RetryLater>> IssueAsync(HttpRequest request, IGrainFactory grains,
        IPasswordHasher<StaffCredentials> hasher, ConsoleTokens tokens, SignInThrottle throttle)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConsoleTokenRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.Tenant)) return Problems.InvalidId("tenant");
        if (!Ids.IsValid(body.StaffId)) return Problems.InvalidId("staffId");
        if (string.IsNullOrEmpty(body.Password)) return Problems.BadRequest("password", ApiPhrases.FieldRequired.Say("password"));
        if (body.Password.Length > StaffApi.MaxPasswordLength) return Problems.BadRequest("password", ApiPhrases.FieldTooLong.Say("password", StaffApi.MaxPasswordLength));
        if (throttle.Blocked(body.Tenant, body.StaffId) is { } wait)
            return Problems.TooManyRequests(ApiPhrases.SignInsLimited.Say(body.StaffId, Math.Ceiling(wait.TotalSeconds)), wait);

        var credentials = await grains.GetGrain<IStaffGrain>(GrainKeys.For(body.Tenant, body.StaffId)).GetCredentialsAsync();
        // One answer, at one cost (a password hash either way), for unknown staff and wrong passwords, so sign-in does
        // not reveal who exists.
        var checkedAgainst = credentials ?? Unknown.Value;
        var verified = hasher.VerifyHashedPassword(checkedAgainst, checkedAgainst.PasswordHash, body.Password) != PasswordVerificationResult.Failed;
        if (credentials is null || !verified)
        {
            throttle.Failed(body.Tenant, body.StaffId);
            return Problems.Unauthorized(ApiPhrases.WrongPassword.Say());
        }
        if (credentials.Disabled) return Problems.Forbidden(ApiPhrases.StaffDisabled.Say(body.StaffId));
        var (token, expiresAt) = tokens.Issue(body.Tenant, body.StaffId, credentials.SessionGeneration);
        return TypedResults.Ok(new ConsoleToken(token, expiresAt, body.Tenant, body.StaffId));
    }

    /// <summary>
    /// A valid, unexpired console token of a live session (checked exactly as the hub checks it: the staff member exists,
    /// is enabled, and the session was not ended) buys a fresh one with the same claims, so an open console stays signed
    /// in; a console away for longer than a token's lifetime signs in again.
    /// </summary>
    private static async Task<Results<Ok<ConsoleToken>, ProblemHttpResult>> RefreshAsync(HttpContext http, IGrainFactory grains, ConsoleTokens tokens)
    {
        var authenticated = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var tenant = authenticated.Principal?.FindFirst(ConsoleTokens.TenantClaim)?.Value;
        var staffId = authenticated.Principal?.FindFirst(ConsoleTokens.StaffClaim)?.Value;
        var credentials = authenticated.Succeeded && tenant is not null && staffId is not null
            ? await grains.GetGrain<IStaffGrain>(GrainKeys.For(tenant, staffId)).GetCredentialsAsync()
            : null;
        if (credentials is null || credentials.Disabled)
            return Problems.Unauthorized(ApiPhrases.ConsoleTokenNeeded.Say());
        var (token, expiresAt) = tokens.Issue(tenant!, staffId!, credentials.SessionGeneration);
        return TypedResults.Ok(new ConsoleToken(token, expiresAt, tenant!, staffId!));
    }

    /// <summary>A hash no password matches, verified against when the staff member does not exist.</summary>
    private static readonly Lazy<StaffCredentials> Unknown = new(() =>
        new StaffCredentials("", new PasswordHasher<StaffCredentials>().HashPassword(new StaffCredentials("", ""), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
}
