using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PrivateDomainGrains.Abstractions.Staff;
using PrivateDomainGrains.Host.Hosting;

namespace PrivateDomainGrains.Host.Security;

public static class SecurityHostingExtensions
{
    /// <summary>Only tells whether a string has a JWT's compact shape (JWS or JWE); validation is the scheme's.</summary>
    private static readonly JsonWebTokenHandler JwtShape = new();

    /// <summary>Options, password hashing, and JWT bearer authentication for the console hub (token in the
    /// <c>access_token</c> query string, the SignalR convention for WebSockets).</summary>
    public static WebApplicationBuilder AddPlatformSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConsoleTokens>();
        builder.Services.AddSingleton<IPasswordHasher<StaffCredentials>, PasswordHasher<StaffCredentials>>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<PrivateDomainGrains.Persistence.ApiKeyStore>();
        builder.Services.AddSingleton<ScopedKeys>();
        builder.Services.AddSingleton<ConsoleScope>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.AddPlatformDataProtection();
        builder.AddPlatformRateLimits();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<PlatformOptions>>((jwt, platform) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = ConsoleTokens.Issuer,
                    ValidAudience = ConsoleTokens.Audience,
                    IssuerSigningKey = ConsoleTokens.SigningKey(platform.Value),
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ConsoleTokens.StaffClaim,
                };
                jwt.Events = new JwtBearerEvents
                {
                    // A validly signed token is not enough: its staff member must exist, be enabled, and not have had
                    // every session ended since the token was issued (disabled, or left in a handover). Role and team
                    // are read now rather than signed into the token, so a change applies to the next request.
                    OnTokenValidated = async context =>
                    {
                        var (staff, problem) = await ConsoleSessions.ValidateAsync(context.Principal, context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>());
                        if (problem is not null) context.Fail(problem);
                        else context.Principal!.AddIdentity(ConsoleUser.RosterIdentity(staff!));
                    },
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            context.Token = token;
                        // API keys and the operator key come as bearer tokens too, and are judged by their own filters:
                        // only a token shaped like a JWT is this scheme's to validate. Anything else is no result here,
                        // rather than a thrown IDX14100 logged ("Failed to validate the token") on every such request.
                        else if (ApiKeys.BearerToken(context.Request) is { } bearer && !JwtShape.CanReadToken(bearer))
                            context.NoResult();
                        return Task.CompletedTask;
                    },
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
