using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Security;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// A tenant's named API keys with scopes (admin key, or a named key with the admin scope): created (the key shown
/// once, stored as its SHA-256), listed with when each was last used, rotated with an overlap, revoked. Which scope
/// each route needs: <see cref="ApiScopes"/>.
/// </summary>
public static class ApiKeysApi
{
    public const int MaxActiveKeys = 100;
    private const int MaxNameLength = 64;
    private const int MaxOverlapMinutes = 7 * 24 * 60;

    /// <param name="Name">What the key is for (e.g. "crm-sync"): 1-64 characters.</param>
    /// <param name="Scopes">events:write, customers:read, customers:write, playbook:read, playbook:write, reports:read, staff:manage, integrations:manage, webhooks:manage, admin (everything).</param>
    /// <param name="ExpiresAt">When the key stops working by itself; none by default. Must be in the future.</param>
    public sealed record CreateApiKeyRequest(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt = null);

    /// <summary>A named key as anyone with the admin key may see it: never the key itself.</summary>
    /// <param name="Prefix">The key's first characters (<c>pdg_sk_{keyId}</c>), to recognise it.</param>
    /// <param name="State">active, expired or revoked.</param>
    /// <param name="LastUsedAt">When a request last presented it (recorded at most once a minute per node).</param>
    /// <param name="RotatedFrom">The key this one replaced.</param>
    public sealed record ApiKeyView(string KeyId, string Name, IReadOnlyList<string> Scopes, string Prefix, string State, DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string? RotatedFrom);

    /// <summary>The tenant's named keys, open and closed.</summary>
    public sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Items);

    /// <summary>A key just made, shown this once: send it as <c>Authorization: Bearer {key}</c>.</summary>
    /// <param name="Replaced">After a rotation, the old key with the end of its overlap as expiresAt.</param>
    public sealed record ApiKeyIssued(ApiKeyView ApiKey, string Key, ApiKeyView? Replaced = null);

    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/tenants/{tenant}/keys").WithTags("Keys").RequireAdminKey().RequireScope(ApiScopes.Admin);
        keys.MapPost("", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Make a named key with scopes; the key is in the answer, shown this once.")
            .WithJsonBody<CreateApiKeyRequest>()
            .WithProblem(StatusCodes.Status409Conflict, $"The tenant has {MaxActiveKeys} open keys, as many as it may have");
        keys.MapGet("", ListAsync).WithName("ListApiKeys")
            .WithSummary("The tenant's named keys, open and closed, with scopes, state and when each was last used.");
        keys.MapPost("/{keyId}/rotate", RotateAsync).WithName("RotateApiKey")
            .WithSummary("Replace a key by a new one with the same name and scopes; the old one keeps working for ?overlapMinutes= (60 by default, 0-10080).")
            .WithProblem(StatusCodes.Status400BadRequest, "'overlapMinutes' is not 0-10080")
            .WithProblem(StatusCodes.Status404NotFound, "No such open key in the tenant");
        keys.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revoke a key: refused from now on (on other nodes within 5 seconds); it stays listed as revoked.")
            .WithProblem(StatusCodes.Status404NotFound, "No such key in the tenant");

        // The same routes for a signed-in admin of the console (the integrations page), on the admin's own tenant.
        var console = api.MapGroup("/console/keys").WithTags("Console").RequireConsoleToken().RequireConsoleAdmin("API keys are managed by admins only").Audited();
        console.MapPost("", (ConsoleUser user, HttpRequest request, ApiKeyStore store, TimeProvider time) => CreateAsync(user.Tenant, request, store, time))
            .WithName("CreateConsoleApiKey").WithSummary("As CreateApiKey, for the signed-in admin's tenant: the key is in the answer, shown this once.")
            .WithJsonBody<CreateApiKeyRequest>()
            .WithProblem(StatusCodes.Status409Conflict, $"The tenant has {MaxActiveKeys} open keys, as many as it may have");
        console.MapGet("", (ConsoleUser user, ApiKeyStore store, TimeProvider time, HttpContext http) => ListAsync(user.Tenant, store, time, http))
            .WithName("ListConsoleApiKeys").WithSummary("As ListApiKeys, for the signed-in admin's tenant.");
        console.MapPost("/{keyId}/rotate", (
                ConsoleUser user, string keyId, [Range(0, MaxOverlapMinutes)] int? overlapMinutes, ApiKeyStore store, ScopedKeys keys,
                TimeProvider time, HttpContext http) =>
                RotateAsync(user.Tenant, keyId, overlapMinutes, store, keys, time, http))
            .WithName("RotateConsoleApiKey").WithSummary("As RotateApiKey, for the signed-in admin's tenant.")
            .WithProblem(StatusCodes.Status400BadRequest, "'overlapMinutes' is not 0-10080")
            .WithProblem(StatusCodes.Status404NotFound, "No such open key in the tenant");
        console.MapDelete("/{keyId}", (ConsoleUser user, string keyId, ApiKeyStore store, ScopedKeys keys, TimeProvider time, HttpContext http) =>
                RevokeAsync(user.Tenant, keyId, store, keys, time, http))
            .WithName("RevokeConsoleApiKey").WithSummary("As RevokeApiKey, for the signed-in admin's tenant.")
            .WithProblem(StatusCodes.Status404NotFound, "No such key in the tenant");
        return api;
    }

    private static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        string tenant, HttpRequest request, ApiKeyStore store, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(request);
        if (body is null) return problem!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || !TextElements.Fit(body.Name.Trim(), MaxNameLength) || PlainText.HasControlCharacters(body.Name))
            errors["name"] = [ApiPhrases.KeyName.Say(MaxNameLength)];
        if (body.Scopes is null || body.Scopes.Count == 0) errors["scopes"] = [ApiPhrases.NoScopes.Say()];
        else if (body.Scopes.Where(s => s is null || !ApiScopes.IsValid(s)).ToList() is { Count: > 0 } bad)
            errors["scopes"] = [ApiPhrases.UnknownScopes.Say(WordedList.Each(bad.Select(s => $"'{s}'")), WordedList.Each(ApiScopes.All))];
        if (body.ExpiresAt is { } expires && expires <= time.GetUtcNow()) errors["expiresAt"] = [ApiPhrases.FieldInFuture.Say("expiresAt")];
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.KeyInvalid.Say(), errors);
        var ct = request.HttpContext.RequestAborted;
        if (await store.CountActiveAsync(tenant, ct) >= MaxActiveKeys)
            return Problems.Conflict(ApiPhrases.KeyLimit.Say(tenant, MaxActiveKeys));
        var (keyId, key, hash) = ScopedKeys.Generate();
        var row = await store.CreateAsync(tenant, keyId, body.Name.Trim(), [.. body.Scopes!.Distinct(StringComparer.Ordinal)], hash, body.ExpiresAt, ct);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/keys/{keyId}", new ApiKeyIssued(View(row, time), key));
    }

    private static async Task<Ok<ApiKeyList>> ListAsync(string tenant, ApiKeyStore store, TimeProvider time, HttpContext http) =>
        TypedResults.Ok(new ApiKeyList([.. (await store.ListAsync(tenant, http.RequestAborted)).Select(r => View(r, time))]));

    private static async Task<Results<Created<ApiKeyIssued>, ProblemHttpResult>> RotateAsync(
        string tenant, string keyId, [Range(0, MaxOverlapMinutes)] int? overlapMinutes, ApiKeyStore store, ScopedKeys keys, TimeProvider time, HttpContext http)
    {
        if (overlapMinutes is < 0 or > MaxOverlapMinutes) return Problems.BadRequest("overlapMinutes", ApiPhrases.FieldBetween.Say("overlapMinutes", 0, MaxOverlapMinutes));
        if (!Ids.IsValid(keyId)) return Problems.NotFound(ApiPhrases.NoKey.Say(keyId));
        var (newKeyId, key, hash) = ScopedKeys.Generate();
        var rotated = await store.RotateAsync(tenant, keyId, newKeyId, hash, TimeSpan.FromMinutes(overlapMinutes ?? 60), http.RequestAborted);
        if (rotated is not { } pair) return Problems.NotFound(ApiPhrases.NotOpenKey.Say(keyId, tenant));
        keys.Forget(tenant, keyId);
        return TypedResults.Created($"/api/v1/tenants/{tenant}/keys/{newKeyId}", new ApiKeyIssued(View(pair.New, time), key, View(pair.Old, time)));
    }

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeAsync(
        string tenant, string keyId, ApiKeyStore store, ScopedKeys keys, TimeProvider time, HttpContext http)
    {
        var row = Ids.IsValid(keyId) ? await store.RevokeAsync(tenant, keyId, http.RequestAborted) : null;
        if (row is null) return Problems.NotFound(ApiPhrases.NoKey.Say(keyId));
        keys.Forget(tenant, keyId);
        return TypedResults.Ok(View(row, time));
    }

    private static ApiKeyView View(ApiKeyRow r, TimeProvider time) => new(r.KeyId, r.Name, r.Scopes, ScopedKeys.Prefix + r.KeyId,
        r.RevokedAt is not null ? "revoked" : r.IsActive(time.GetUtcNow()) ? "active" : "expired",
        r.CreatedAt, r.ExpiresAt, r.RevokedAt, r.LastUsedAt, r.RotatedFrom);
}
