using Microsoft.AspNetCore.Identity;
using PrivateDomainGrains.Abstractions;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

public static class AuthApi
{
    public sealed record ConsoleTokenRequest(string? Tenant, string? StaffId, string? Password);

    public sealed record ConsoleToken(string AccessToken, DateTimeOffset ExpiresAt, string Tenant, string StaffId);

    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/console-token", IssueAsync)
            .WithSummary("Sign a staff member in: a short-lived token for the console hub (?access_token=).")
            .Produces<ConsoleToken>();
        return api;
    }

    private static async Task<IResult> IssueAsync(HttpRequest request, IGrainFactory grains, IPasswordHasher<StaffCredentials> hasher, ConsoleTokens tokens)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConsoleTokenRequest>(request);
        if (body is null) return problem!;
        if (!Ids.IsValid(body.Tenant)) return Problems.BadRequest(Ids.Describe("tenant"));
        if (!Ids.IsValid(body.StaffId)) return Problems.BadRequest(Ids.Describe("staffId"));
        if (string.IsNullOrEmpty(body.Password)) return Problems.BadRequest("'password' is required");

        var credentials = await grains.GetGrain<IStaffGrain>(GrainKeys.For(body.Tenant!, body.StaffId!)).GetCredentialsAsync();
        // One answer for unknown staff and wrong passwords, so sign-in does not reveal who exists.
        if (credentials is null || hasher.VerifyHashedPassword(credentials, credentials.PasswordHash, body.Password) == PasswordVerificationResult.Failed)
            return Problems.Unauthorized("Unknown staff member or wrong password");
        var (token, expiresAt) = tokens.Issue(body.Tenant!, body.StaffId!);
        return TypedResults.Ok(new ConsoleToken(token, expiresAt, body.Tenant!, body.StaffId!));
    }
}
