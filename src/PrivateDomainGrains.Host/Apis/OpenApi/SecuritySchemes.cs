using Microsoft.OpenApi;

namespace PrivateDomainGrains.Host.Apis.OpenApi;

/// <summary>How the document names and describes each <see cref="ApiCredential"/>: all are HTTP bearer credentials.</summary>
internal static class SecuritySchemes
{
    /// <summary>camelCase of the credential: <c>integrationKey</c>, <c>adminKey</c>, <c>operatorKey</c>, <c>consoleToken</c>.</summary>
    public static string Name(ApiCredential credential) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(credential.ToString());

    public static OpenApiSecurityScheme For(ApiCredential credential) => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = credential == ApiCredential.ConsoleToken ? "JWT" : null,
        Description = credential switch
        {
            ApiCredential.IntegrationKey => "A tenant's integration API key (`pdg_api_...`), shown once when the tenant is created. Opens only that tenant's routes. " +
                "A named key with scopes (`pdg_sk_...`, made with `POST /api/v1/tenants/{tenant}/keys`) goes here too: it opens any route of its " +
                "tenant whose scope it has (events:write, customers:read, customers:write, playbook:read, playbook:write, reports:read, staff:manage, " +
                "integrations:manage, webhooks:manage, admin), admin routes included; without the scope the answer is a 403 naming it.",
            ApiCredential.AdminKey => "A tenant's admin key (`pdg_adm_...`), shown once when the tenant is created: everything the integration key may do, plus staff, playbook, handovers and integrations.",
            ApiCredential.OperatorKey => "The platform operator key (`Platform:OperatorKey`): creates tenants, reads node statistics.",
            ApiCredential.ConsoleToken => "A console token: the short-lived JWT that `POST /api/v1/auth/console-token` issues to a staff member (the hub takes it as `?access_token=`).",
            _ => throw new ArgumentOutOfRangeException(nameof(credential)),
        },
    };
}
