using Microsoft.AspNetCore.Mvc;
using PrivateDomainGrains.Abstractions.Integrations;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Host.Integrations.WeCom;
using PrivateDomainGrains.Host.Security;

namespace PrivateDomainGrains.Host.Apis;

/// <summary>
/// WeCom: the tenant's callback settings (admin key) and the callback endpoint WeCom calls (no key: WeCom signs every
/// request with the tenant's Token, and the handler refuses anything it did not sign).
/// </summary>
public static class WeComApi
{
    /// <summary>Problems listed by GET: the latest callbacks that stored nothing for a reason an operator should fix.</summary>
    public const int MaxListedProblems = 20;

    public sealed record WeComSettingsRequest(string? CorpId, string? Token, string? EncodingAesKey);

    /// <summary>The settings as anyone holding the admin key may see them: never the Token or the EncodingAESKey.</summary>
    public sealed record WeComSettingsView(
        string? CorpId, bool TokenSet, bool EncodingAesKeySet, DateTimeOffset? UpdatedAt, string CallbackPath, WeComCallbackLog.Summary Callbacks);

    public static string CallbackPath(string tenant) => $"/api/v1/wecom/{tenant}/callback";

    public static RouteGroupBuilder MapWeComApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/tenants/{tenant}/integrations/wecom").RequireTenantKey(TenantRole.Admin).WithTags("WeCom");
        settings.MapGet("", GetSettingsAsync).WithName("GetWeComSettings")
            .WithSummary("Whether the WeCom Token and EncodingAESKey are set, the CorpID, when they changed, and what the callbacks did lately (admin key).")
            .Produces<WeComSettingsView>();
        settings.MapPut("", PutSettingsAsync).WithName("PutWeComSettings")
            .WithSummary("Set the WeCom callback Token, EncodingAESKey and CorpID (admin key); the secrets are stored encrypted.")
            .Accepts<WeComSettingsRequest>("application/json")
            .Produces<WeComSettingsView>()
            .ProducesValidationProblem();

        var callback = api.MapGroup("/wecom/{tenant}/callback").WithTags("WeCom");
        callback.MapGet("", VerifyUrlAsync).WithName("VerifyWeComCallbackUrl")
            .WithSummary("WeCom's URL verification: answers the decrypted echostr.")
            .Produces<string>(contentType: "text/plain").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        callback.MapPost("", ReceiveAsync).WithName("ReceiveWeComCallback")
            // No Accepts(...): it would make routing answer 415 to a Content-Type WeCom may not send; the body is read as XML whatever it says.
            .WithSummary("An encrypted WeCom callback (XML body <xml><ToUserName/><Encrypt/><AgentID/></xml>). 200 once handled; 4xx if refused (nothing stored); 503 to be retried.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<IResult> GetSettingsAsync(string tenant, IGrainFactory grains, WeComCallbackLog log, TimeProvider time, HttpContext http)
    {
        var document = await grains.GetGrain<IWeComSettingsGrain>(tenant).GetAsync();
        return TypedResults.Ok(await ViewAsync(tenant, document, log, time, http.RequestAborted));
    }

    private static async Task<IResult> PutSettingsAsync(
        string tenant, HttpRequest request, IGrainFactory grains, WeComSettingsProtector protector, WeComCallbackLog log, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<WeComSettingsRequest>(request);
        if (body is null) return problem!;
        var errors = WeComSettingsRules.Validate(body.CorpId, body.Token, body.EncodingAesKey);
        if (errors.Count > 0) return Problems.Invalid("The WeCom settings are invalid; nothing was stored", errors);
        var stored = await grains.GetGrain<IWeComSettingsGrain>(tenant).PutAsync(body.CorpId!, protector.Protect(tenant, body.Token!, body.EncodingAesKey!));
        return TypedResults.Ok(await ViewAsync(tenant, stored, log, time, request.HttpContext.RequestAborted));
    }

    private static async Task<WeComSettingsView> ViewAsync(string tenant, WeComSettingsDocument? document, WeComCallbackLog log, TimeProvider time, CancellationToken ct) =>
        new(document?.CorpId, document is not null, document is not null, document?.UpdatedAt, CallbackPath(tenant),
            await log.SummarizeAsync(tenant, time.GetUtcNow(), MaxListedProblems, ct));

    private static Task<IResult> VerifyUrlAsync(
        string tenant, [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce, string? echostr, WeComCallbackHandler handler) =>
        Ids.IsValid(tenant)
            ? handler.VerifyUrlAsync(tenant, new WeComCallbackHandler.Query(msgSignature, timestamp, nonce, echostr))
            : Task.FromResult<IResult>(Problems.BadRequest(Ids.Describe("tenant")));

    private static Task<IResult> ReceiveAsync(
        string tenant, [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce, HttpRequest request, WeComCallbackHandler handler) =>
        Ids.IsValid(tenant)
            ? handler.ReceiveAsync(tenant, new WeComCallbackHandler.Query(msgSignature, timestamp, nonce, null), request)
            : Task.FromResult<IResult>(Problems.BadRequest(Ids.Describe("tenant")));
}
