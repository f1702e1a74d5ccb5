using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Security;

/// <summary>Short-lived signed tokens naming one staff member of one tenant; the console hub trusts nothing else.</summary>
public sealed class ConsoleTokens(IOptions<PlatformOptions> options, TimeProvider time)
{
    public const string Issuer = "private-domain-grains";
    public const string Audience = "console";
    public const string TenantClaim = "tenant";
    public const string StaffClaim = "sub";
    /// <summary>The staff member's session generation the token was issued in (<see cref="Abstractions.Staff.StaffCredentials.SessionGeneration"/>).</summary>
    public const string SessionClaim = "gen";

    public (string Token, DateTimeOffset ExpiresAt) Issue(string tenant, string staffId, int sessionGeneration)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.ConsoleTokenLifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([
                new Claim(StaffClaim, staffId), new Claim(TenantClaim, tenant),
                new Claim(SessionClaim, sessionGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer32)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey(options.Value), SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    public static SymmetricSecurityKey SigningKey(PlatformOptions options) => new(options.SigningKeyBytes);
}
