using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>What a route needs in <c>Authorization: Bearer ...</c>; the OpenAPI document's security schemes, by these names.</summary>
public enum ApiCredential
{
    /// <summary>
    /// A tenant's integration API key (<c>pdg_api_...</c>), shown once when the tenant is created; or a named key with
    /// scopes (<c>pdg_sk_...</c>, <c>/tenants/{tenant}/keys</c>), which opens any tenant route whose scope it has.
    /// </summary>
    IntegrationKey,

    /// <summary>A tenant's admin key (<c>pdg_adm_...</c>): everything the integration key may do, and staff, playbook, handovers, integrations.</summary>
    AdminKey,

    /// <summary>The platform operator key (<c>Platform:OperatorKey</c>): creates tenants, reads node statistics.</summary>
    OperatorKey,

    /// <summary>A console token: the JWT that sign-in issues to a staff member.</summary>
    ConsoleToken,
}

/// <summary>Endpoint metadata: any one of <see cref="AnyOf"/> opens the route; the document lists them as its security requirements.</summary>
public sealed class ApiCredentialMetadata(params ApiCredential[] anyOf)
{
    /// <summary>A route that checks the console token itself (to word its own 401).</summary>
    public static readonly ApiCredentialMetadata ConsoleToken = new(ApiCredential.ConsoleToken);

    public IReadOnlyList<ApiCredential> AnyOf => anyOf;
}

/// <summary>
/// Guards a route or group and documents the guard in one call, so the document cannot disagree with what is enforced:
/// the filter from <c>Host/Security</c>, the security requirement, and the problems the filter answers.
/// </summary>
public static class ApiCredentialExtensions
{
    private const string TenantRefused = "No key, a wrong key, or a tenant that does not exist (answered alike)";
    private const string TenantIdInvalid = "The tenant id is not 1-128 letters, digits and -_.:@";
    private const string ScopeMissing = "A named key of the tenant without the scope this route needs (the problem names it)";

    /// <summary>The tenant's integration key or its admin key (<see cref="TenantKeyFilter"/>).</summary>
    public static TBuilder RequireIntegrationKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireTenantKey(TenantRole.Integration)
            .WithMetadata(new ApiCredentialMetadata(ApiCredential.IntegrationKey, ApiCredential.AdminKey))
            .WithProblem(StatusCodes.Status400BadRequest, TenantIdInvalid)
            .WithProblem(StatusCodes.Status401Unauthorized, TenantRefused)
            .WithProblem(StatusCodes.Status403Forbidden, ScopeMissing);

    /// <summary>The tenant's admin key (<see cref="TenantKeyFilter"/>).</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireTenantKey(TenantRole.Admin)
            .WithMetadata(new ApiCredentialMetadata(ApiCredential.AdminKey))
            .WithProblem(StatusCodes.Status400BadRequest, TenantIdInvalid)
            .WithProblem(StatusCodes.Status401Unauthorized, TenantRefused + "; the integration key is not enough")
            .WithProblem(StatusCodes.Status403Forbidden, ScopeMissing);

    /// <summary>
    /// A console token of a live session (JWT bearer authentication; its handler also checks that the staff member
    /// exists, is enabled and the session was not ended): for console routes under <c>/api/v1/console/</c>.
    /// </summary>
    public static TBuilder RequireConsoleToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization()
            .WithMetadata(ApiCredentialMetadata.ConsoleToken)
            .WithProblem(StatusCodes.Status401Unauthorized, "No console token, or one that is invalid, expired, or of an ended session: sign in again");

    /// <summary>The platform operator key (<see cref="OperatorKeyFilter"/>).</summary>
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OperatorKeyFilter>()
            .WithMetadata(new ApiCredentialMetadata(ApiCredential.OperatorKey))
            .WithProblem(StatusCodes.Status401Unauthorized, "No operator key, or a wrong one");
}
