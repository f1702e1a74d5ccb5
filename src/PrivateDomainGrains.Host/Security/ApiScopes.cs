using Microsoft.AspNetCore.Http.Metadata;

namespace PrivateDomainGrains.Host.Security;

/// <summary>
/// What a named API key may do. Every tenant route needs one scope, found from its tag and method in
/// <see cref="ByTag"/> (reading with GET needs the first, anything else the second) unless the route names its own
/// with <see cref="ApiScopeExtensions.RequireScope{TBuilder}"/>; a route whose tag is not listed needs <see cref="Admin"/>.
/// <see cref="Admin"/> opens every tenant route. The tenant's original keys keep their meaning: the admin key opens
/// everything, the integration key the routes guarded by <c>RequireIntegrationKey</c>.
/// </summary>
public static class ApiScopes
{
    public const string Admin = "admin";
    public const string EventsWrite = "events:write";
    public const string CustomersRead = "customers:read";
    public const string CustomersWrite = "customers:write";
    public const string PlaybookRead = "playbook:read";
    public const string PlaybookWrite = "playbook:write";
    public const string ReportsRead = "reports:read";
    public const string StaffManage = "staff:manage";
    public const string IntegrationsManage = "integrations:manage";
    public const string WebhooksManage = "webhooks:manage";

    public static readonly IReadOnlyList<string> All =
        [EventsWrite, CustomersRead, CustomersWrite, PlaybookRead, PlaybookWrite, ReportsRead, StaffManage, IntegrationsManage, WebhooksManage, Admin];

    /// <summary>The scope of a route by its OpenAPI tag: (reading, changing).</summary>
    public static readonly IReadOnlyDictionary<string, (string Read, string Write)> ByTag = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["Events"] = (EventsWrite, EventsWrite),
        ["Customers"] = (CustomersRead, CustomersWrite),
        // Looking a customer up by an identity, listing and changing its identities; the pool and settings need admin.
        ["Identities"] = (CustomersRead, CustomersWrite),
        // Saved segments select customers: counting and listing them reads customers, saving one changes no customer.
        ["Segments"] = (CustomersRead, CustomersWrite),
        ["Playbook"] = (PlaybookRead, PlaybookWrite),
        ["Learning"] = (ReportsRead, ReportsRead),
        ["Reports"] = (ReportsRead, ReportsRead),
        ["Staff"] = (StaffManage, StaffManage),
        ["Handovers"] = (StaffManage, StaffManage),
        ["WeCom"] = (IntegrationsManage, IntegrationsManage),
        ["Webhooks"] = (WebhooksManage, WebhooksManage),
    };

    public static bool IsValid(string scope) => All.Contains(scope);

    /// <summary>The scope a request to <paramref name="endpoint"/> with <paramref name="method"/> needs.</summary>
    public static string Required(Endpoint? endpoint, string method) => Required(endpoint?.Metadata ?? [], method);

    /// <summary>The scope a request with <paramref name="method"/> to a route with <paramref name="metadata"/> needs (the last of each kind wins, as routing reads it).</summary>
    public static string Required(IEnumerable<object> metadata, string method)
    {
        var all = metadata as IReadOnlyList<object> ?? [.. metadata];
        if (all.OfType<ApiScopeMetadata>().LastOrDefault() is { } named) return named.Scope;
        var tag = all.OfType<ITagsMetadata>().LastOrDefault()?.Tags.FirstOrDefault();
        if (tag is null || !ByTag.TryGetValue(tag, out var scopes)) return Admin;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? scopes.Read : scopes.Write;
    }

    /// <summary>Whether a key with <paramref name="granted"/> may do what needs <paramref name="required"/>.</summary>
    public static bool Allows(IReadOnlyCollection<string> granted, string required) => granted.Contains(Admin) || granted.Contains(required);
}

/// <summary>Endpoint metadata: the scope a named key needs for this route, instead of the one its tag gives.</summary>
public sealed record ApiScopeMetadata(string Scope);

public static class ApiScopeExtensions
{
    /// <summary>A named key needs <paramref name="scope"/> for this route (one of <see cref="ApiScopes.All"/>).</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        ApiScopes.IsValid(scope) ? builder.WithMetadata(new ApiScopeMetadata(scope)) : throw new ArgumentException($"Unknown scope '{scope}'", nameof(scope));
}
