using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>What WeCom's admin console shows for the callback (接收事件服务器). Declared as the contract reads; every field is checked (400 naming it).</summary>
    /// <param name="CorpId"><c>ww</c> or <c>wx</c> and 16 letters or digits.</param>
    /// <param name="Token">1-32 ASCII letters or digits.</param>
    /// <param name="EncodingAesKey">Exactly 43 base64 characters, without padding.</param>
    public sealed record WeComSettingsRequest(string CorpId, string Token, string EncodingAesKey);

    /// <summary>The settings as anyone holding the admin key may see them: never the Token or the EncodingAESKey.</summary>
    /// <param name="CallbackPath">The URL path to give WeCom as the callback URL.</param>
    public sealed record WeComSettingsView(
        string? CorpId, bool TokenSet, bool EncodingAesKeySet, DateTimeOffset? UpdatedAt, string CallbackPath, WeComCallbackLog.Summary Callbacks);

    public static string CallbackPath(string tenant) => $"/api/v1/wecom/{tenant}/callback";

    public static RouteGroupBuilder MapWeComApi(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/tenants/{tenant}/integrations/wecom").WithTags("WeCom").RequireAdminKey();
        settings.MapGet("", GetSettingsAsync).WithName("GetWeComSettings")
            .WithSummary("Whether the WeCom Token and EncodingAESKey are set, the CorpID, when they changed, and what the callbacks did lately.");
        // Accepts (not WithJsonBody): this route has always answered 415 to a body that is not application/json.
        settings.MapPut("", PutSettingsAsync).WithName("PutWeComSettings").Audited()
            .WithSummary("Set the WeCom callback Token, EncodingAESKey and CorpID; the secrets are stored encrypted.")
            .Accepts<WeComSettingsRequest>("application/json")
            .WithProblem(StatusCodes.Status400BadRequest, "The body is not JSON of this shape, or a field is invalid: `errors` name `corpId`, `token`, `encodingAesKey`; nothing was stored")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {ApiHostingExtensions.MaxRequestBodyBytes} bytes")
            .WithProblem(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json");

        // No key: WeCom signs every callback with the tenant's Token (msg_signature), and the handler refuses anything it did not sign.
        var callback = api.MapGroup("/wecom/{tenant}/callback").WithTags("WeCom").AllowAnonymous()
            .WithProblem(StatusCodes.Status400BadRequest, "The tenant id is invalid, or msg_signature, timestamp or nonce is missing, or timestamp is too far from now (`errors` name it)")
            .WithProblem(StatusCodes.Status401Unauthorized, "msg_signature is not the signature of this request with the tenant's Token")
            .WithProblem(StatusCodes.Status403Forbidden, "The message is encrypted for another CorpID than the tenant's")
            .WithProblem(StatusCodes.Status404NotFound, "The tenant has no WeCom settings");
        callback.MapGet("", VerifyUrlAsync).WithName("VerifyWeComCallbackUrl")
            .WithSummary("WeCom's URL verification: answers the decrypted echostr.")
            .Produces<string>(contentType: "text/plain")
            .WithProblem(StatusCodes.Status400BadRequest, "echostr is missing or does not decrypt");
        callback.MapPost("", ReceiveAsync).WithName("ReceiveWeComCallback")
            .WithSummary("An encrypted WeCom callback (XML body <xml><ToUserName/><Encrypt/><AgentID/></xml>). 200 with an empty body once handled, whatever the mapping decided; 4xx if refused (nothing stored); 503 to be retried.")
            // Not Accepts(...): it would make routing answer 415 to a Content-Type WeCom may not send; the body is read as XML whatever it says.
            .WithMetadata(new RequestBodyMetadata(typeof(string), "text/xml"))
            .Produces(StatusCodes.Status200OK)
            .WithProblem(StatusCodes.Status400BadRequest, "The body is not the callback XML, or its <Encrypt> does not decrypt")
            .WithProblem(StatusCodes.Status409Conflict, "This (timestamp, nonce, msg_signature) was handled before: a replay")
            .WithProblem(StatusCodes.Status413PayloadTooLarge, "The body is larger than WeCom:MaxBodyBytes")
            .WithProblem(StatusCodes.Status503ServiceUnavailable, "The event could not be stored in time: WeCom retries, and a retry is never stored twice");
        return api;
    }

    private static async Task<Ok<WeComSettingsView>> GetSettingsAsync(string tenant, IGrainFactory grains, WeComCallbackLog log, TimeProvider time, HttpContext http)
    {
        var document = await grains.GetGrain<IWeComSettingsGrain>(tenant).GetAsync();
        return TypedResults.Ok(await ViewAsync(tenant, document, log, time, http.RequestAborted));
    }

    private static async Task<Results<Ok<WeComSettingsView>, ProblemHttpResult, ValidationProblem>> PutSettingsAsync(
        string tenant, HttpRequest request, IGrainFactory grains, WeComSettingsProtector protector, WeComCallbackLog log, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<WeComSettingsRequest>(request);
        if (body is null) return problem!;
        var errors = WeComSettingsRules.Validate(body.CorpId, body.Token, body.EncodingAesKey);
        if (errors.Count > 0) return Problems.Invalid(ApiPhrases.WeComInvalid.Say(), errors);
        var stored = await grains.GetGrain<IWeComSettingsGrain>(tenant).PutAsync(body.CorpId, protector.Protect(tenant, body.Token, body.EncodingAesKey));
        return TypedResults.Ok(await ViewAsync(tenant, stored, log, time, request.HttpContext.RequestAborted));
    }

    private static async Task<WeComSettingsView> ViewAsync(string tenant, WeComSettingsDocument? document, WeComCallbackLog log, TimeProvider time, CancellationToken ct) =>
        new(document?.CorpId, document is not null, document is not null, document?.UpdatedAt, CallbackPath(tenant),
            await log.SummarizeAsync(tenant, time.GetUtcNow(), MaxListedProblems, ct));

    private static Task<IResult> VerifyUrlAsync(
        string tenant, [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce, string? echostr, WeComCallbackHandler handler) =>
        Ids.IsValid(tenant)
            ? handler.VerifyUrlAsync(tenant, new WeComCallbackHandler.Query(msgSignature, timestamp, nonce, echostr))
            : Task.FromResult<IResult>(Problems.InvalidId("tenant"));

    private static Task<IResult> ReceiveAsync(
        string tenant, [FromQuery(Name = "msg_signature")] string? msgSignature, string? timestamp, string? nonce, HttpRequest request, WeComCallbackHandler handler) =>
        Ids.IsValid(tenant)
            ? handler.ReceiveAsync(tenant, new WeComCallbackHandler.Query(msgSignature, timestamp, nonce, null), request)
            : Task.FromResult<IResult>(Problems.InvalidId("tenant"));
}
