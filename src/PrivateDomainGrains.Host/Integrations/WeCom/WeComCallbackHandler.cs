using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Persistence;
using PrivateDomainGrains.Host.Apis;
using PrivateDomainGrains.Host.Ingestion;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// Handles one tenant's WeCom callbacks: URL verification (GET) and encrypted callbacks (POST). Refuses with a 4xx
/// ProblemDetails, storing nothing, a request that is malformed, wrongly signed, stale (timestamp further than
/// <see cref="WeComOptions.TimestampTolerance"/> from now), a replay of one already handled, or for another CorpID.
/// Everything else is answered 200 with an empty body (WeCom's "received, no passive reply"), whether it became an
/// event or not; only a storage failure or timeout answers 503, so that WeCom retries.
/// </summary>
public sealed class WeComCallbackHandler(
    WeComTenantKeys keys,
    WeComCallbackLog log,
    EventIngestion ingestion,
    IdentityIndex identities,
    WeComMetrics metrics,
    IOptions<WeComOptions> options,
    TimeProvider time,
    ILogger<WeComCallbackHandler> logger)
{
    /// <summary>The query string WeCom signs its requests with; <c>EchoStr</c> only on URL verification.</summary>
    public sealed record Query(string? MsgSignature, string? Timestamp, string? Nonce, string? EchoStr);

    /// <summary>URL verification: answers the decrypted <c>echostr</c> as plain text.</summary>
    public async Task<IResult> VerifyUrlAsync(string tenant, Query query)
    {
        if (Missing(query, requireEchoStr: true) is { } missing) return Refuse(null, "bad-request", missing);
        var (tenantKeys, problem) = await KeysAsync(tenant);
        if (tenantKeys is null) return problem!;
        if (Check(tenant, tenantKeys, query, query.EchoStr!) is { } refused) return refused;
        WeComPlaintext plaintext;
        try
        {
            plaintext = tenantKeys.Crypto.Decrypt(query.EchoStr!);
        }
        catch (WeComCryptoException ex)
        {
            return Refuse(tenant, "bad-request", Field("echostr", $"'echostr' could not be decrypted: {ex.Message}"));
        }
        if (plaintext.ReceiveId != tenantKeys.CorpId) return WrongCorp(tenant, tenantKeys, plaintext);
        metrics.Answered(tenant, "verified");
        logger.LogInformation("WeCom callback URL of tenant {Tenant} verified for corp {CorpId}", tenant, tenantKeys.CorpId);
        return TypedResults.Text(plaintext.Message, "text/plain");
    }

    /// <summary>An encrypted callback: verify, decrypt, map, ingest, record, answer.</summary>
    public async Task<IResult> ReceiveAsync(string tenant, Query query, HttpRequest request)
    {
        if (Missing(query, requireEchoStr: false) is { } missing) return Refuse(null, "bad-request", missing);
        var (tenantKeys, problem) = await KeysAsync(tenant);
        if (tenantKeys is null) return problem!;

        var (body, bodyProblem) = await ReadBodyAsync(request);
        if (body is null) return Refuse(tenant, "bad-request", bodyProblem!);
        string? ciphertext;
        try
        {
            ciphertext = WeComXml.ReadFields(body).GetValueOrDefault("Encrypt");
        }
        catch (XmlException ex)
        {
            return Refuse(tenant, "bad-request", Field("body", $"The body is not WeCom's XML envelope: {ex.Message}"));
        }
        if (string.IsNullOrEmpty(ciphertext)) return Refuse(tenant, "bad-request", Field("Encrypt", "The body has no <Encrypt> element"));
        if (Check(tenant, tenantKeys, query, ciphertext) is { } refused) return refused;

        var ct = request.HttpContext.RequestAborted;
        if (await log.WasHandledAsync(tenant, query.Timestamp!, query.Nonce!, query.MsgSignature!, ct))
        {
            logger.LogWarning("WeCom callback for tenant {Tenant} refused: (timestamp {Timestamp}, nonce {Nonce}, signature {Signature}) was already handled",
                tenant, query.Timestamp, query.Nonce, query.MsgSignature);
            metrics.Answered(tenant, "replay");
            return Problems.Conflict("This request (timestamp, nonce, msg_signature) was already handled; a replay is refused and nothing was stored");
        }

        WeComPlaintext plaintext;
        IReadOnlyDictionary<string, string> fields;
        try
        {
            plaintext = tenantKeys.Crypto.Decrypt(ciphertext);
            if (plaintext.ReceiveId != tenantKeys.CorpId) return WrongCorp(tenant, tenantKeys, plaintext);
            fields = WeComXml.ReadFields(plaintext.Message);
        }
        catch (Exception ex) when (ex is WeComCryptoException or XmlException)
        {
            return Refuse(tenant, "bad-request", Field("Encrypt", $"<Encrypt> could not be decrypted into a callback: {ex.Message}"));
        }

        var mapping = WeComEventMapper.Map(tenantKeys.CorpId, fields);
        var (outcome, detail) = (mapping.Outcome, mapping.Detail);
        if (mapping.CustomerEvent is { } customerEvent)
        {
            try
            {
                (outcome, detail) = await IngestAsync(tenant, customerEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // No row is written: WeCom's retry is processed again and is a duplicate if the event did get stored.
                logger.LogError(ex, "WeCom callback for tenant {Tenant}: storing event {EventId} failed or took over {Timeout}; answered 503 so WeCom retries",
                    tenant, customerEvent.Id, options.Value.IngestTimeout);
                metrics.Answered(tenant, "unavailable");
                return Problems.Unavailable("The callback's event could not be stored in time; WeCom will retry it, and a retry is never stored twice");
            }
        }

        await log.RecordAsync(tenant, query.Timestamp!, query.Nonce!, query.MsgSignature!, mapping, outcome, detail);
        metrics.Answered(tenant, outcome.Name());
        LogOutcome(tenant, mapping, outcome, detail);
        return TypedResults.Ok();
    }

    private async Task<(WeComOutcome, string?)> IngestAsync(string tenant, CustomerEvent customerEvent)
    {
        // The same validation as POST /events: a WeCom id the platform's ids cannot hold is rejected, not mangled.
        var errors = EventValidator.Validate(customerEvent, time.GetUtcNow());
        if (errors.Count > 0) return (WeComOutcome.Rejected, string.Join("; ", errors));
        // The contact is whoever holds the ExternalUserID as an identity (a shop or a CRM may have made the customer
        // first, under another id, and given it that identity); else the customer named by it, which the commit then
        // indexes under that identity, so later events and orders naming the external_userid find it (issue 14).
        var external = new IdentityNormalizer().Normalize(IdentityKinds.ExternalUserId, customerEvent.CustomerId, out _);
        if (external is not null && (await identities.FindAsync(tenant, [external])).TryGetValue(external, out var holder))
            customerEvent = customerEvent with { CustomerId = holder };
        var batch = new EventBatchParser.Parsed([(0, customerEvent)], [], 1)
        {
            Identities = external is null ? new Dictionary<int, IReadOnlyDictionary<string, string>>()
                : new Dictionary<int, IReadOnlyDictionary<string, string>> { [0] = new Dictionary<string, string> { [external.Kind] = external.Value } },
        };
        var result = await ingestion.IngestAsync(tenant, batch).WaitAsync(options.Value.IngestTimeout, time);
        // The event passed validation above: ingestion rejects a staffId that is not staff, or (a 409) an identity that
        // another customer took meanwhile or that was erased.
        if (result.Rejected > 0)
            return (result.Errors.Any(e => e.Status == StatusCodes.Status409Conflict) ? WeComOutcome.Rejected : WeComOutcome.UnknownStaff,
                string.Join("; ", result.Errors.SelectMany(e => e.Errors)));
        return result.Accepted > 0 ? (WeComOutcome.Accepted, null) : (WeComOutcome.Duplicate, null);
    }

    private void LogOutcome(string tenant, WeComMapping mapping, WeComOutcome outcome, string? detail)
    {
        switch (outcome)
        {
            case WeComOutcome.Accepted or WeComOutcome.Duplicate:
                logger.LogDebug("WeCom {ChangeType} for tenant {Tenant}: event {EventId} {Outcome}", mapping.ChangeType, tenant, mapping.CustomerEvent!.Id, outcome.Name());
                break;
            case WeComOutcome.Ignored:
                logger.LogDebug("WeCom {Event}/{ChangeType} for tenant {Tenant} ignored: {Reason}", mapping.Event, mapping.ChangeType, tenant, detail);
                break;
            case WeComOutcome.UnknownStaff:
                logger.LogWarning(
                    "WeCom {ChangeType} for tenant {Tenant} NOT recorded: UserID {UserId} is not a staff member of the tenant (external contact {ExternalUserId}, event {EventId}). " +
                    "Create the staff member with staffId = that UserID; WeCom was answered success, and the tenant's GET integrations/wecom lists the callback",
                    mapping.ChangeType, tenant, mapping.UserId, mapping.ExternalUserId, mapping.CustomerEvent!.Id);
                break;
            default:
                logger.LogWarning("WeCom {Event}/{ChangeType} for tenant {Tenant} NOT recorded ({Outcome}): {Reason}",
                    mapping.Event, mapping.ChangeType, tenant, outcome.Name(), detail);
                break;
        }
    }

    private async Task<(WeComTenantKeys.TenantKeys?, IResult?)> KeysAsync(string tenant)
    {
        try
        {
            var tenantKeys = await keys.GetAsync(tenant);
            if (tenantKeys is not null) return (tenantKeys, null);
            metrics.Answered(null, "not-configured");
            return (null, Problems.NotFound($"Tenant '{tenant}' has no WeCom settings: PUT /api/v1/tenants/{tenant}/integrations/wecom first"));
        }
        catch (CryptographicException ex)
        {
            // The key ring lacks the key the secrets were protected with: an operator problem, not the caller's.
            logger.LogError(ex, "WeCom settings of tenant {Tenant} cannot be decrypted: is the Data Protection key ring (pdg_data_protection_keys) intact?", tenant);
            metrics.Answered(tenant, "unavailable");
            return (null, Problems.Unavailable("The tenant's WeCom settings cannot be read right now"));
        }
    }

    /// <summary>Signature, then freshness: a stale timestamp is only reported for a request that is really signed.</summary>
    private IResult? Check(string tenant, WeComTenantKeys.TenantKeys tenantKeys, Query query, string ciphertext)
    {
        if (!tenantKeys.Crypto.IsSignedBy(query.MsgSignature!, query.Timestamp!, query.Nonce!, ciphertext))
        {
            logger.LogWarning("WeCom callback for tenant {Tenant} refused: msg_signature does not match (wrong Token, or not from WeCom)", tenant);
            metrics.Answered(tenant, "bad-signature");
            return Problems.Unauthorized("'msg_signature' does not match the request signed with the tenant's Token");
        }
        if (!long.TryParse(query.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return Refuse(tenant, "bad-request", Field("timestamp", "'timestamp' must be a Unix time in seconds"));
        var skew = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if (skew.Duration() > options.Value.TimestampTolerance)
        {
            logger.LogWarning("WeCom callback for tenant {Tenant} refused: timestamp {Timestamp} is {Skew} from now, beyond {Tolerance}",
                tenant, query.Timestamp, skew, options.Value.TimestampTolerance);
            metrics.Answered(tenant, "stale");
            return Field("timestamp", $"'timestamp' is {skew.TotalSeconds:F0} s from now; at most {options.Value.TimestampTolerance.TotalSeconds:F0} s either way is accepted");
        }
        return null;
    }

    private IResult WrongCorp(string tenant, WeComTenantKeys.TenantKeys tenantKeys, WeComPlaintext plaintext)
    {
        logger.LogWarning("WeCom callback for tenant {Tenant} refused: encrypted for receive id {ReceiveId}, the tenant's CorpID is {CorpId}",
            tenant, plaintext.ReceiveId, tenantKeys.CorpId);
        metrics.Answered(tenant, "wrong-corp");
        return TypedResults.Problem($"The message is addressed to '{plaintext.ReceiveId}', not to the tenant's CorpID; nothing was stored",
            statusCode: StatusCodes.Status403Forbidden, title: ProblemTitles.WrongCorpId.Say());
    }

    private IResult Refuse(string? configuredTenant, string outcome, IResult problem)
    {
        metrics.Answered(configuredTenant, outcome);
        return problem;
    }

    private static IResult? Missing(Query query, bool requireEchoStr)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(query.MsgSignature)) errors["msg_signature"] = ["'msg_signature' is required"];
        if (string.IsNullOrEmpty(query.Timestamp)) errors["timestamp"] = ["'timestamp' is required"];
        if (string.IsNullOrEmpty(query.Nonce)) errors["nonce"] = ["'nonce' is required"];
        if (requireEchoStr && string.IsNullOrEmpty(query.EchoStr)) errors["echostr"] = ["'echostr' is required"];
        return errors.Count == 0 ? null : Problems.Invalid("The request lacks what WeCom signs its callbacks with; nothing was stored", errors);
    }

    private static IResult Field(string field, string message) => Problems.BadRequest(field, message);

    private async Task<(string?, IResult?)> ReadBodyAsync(HttpRequest request)
    {
        var max = options.Value.MaxBodyBytes;
        if (request.ContentLength > max) return (null, Problems.TooLarge($"The body is {request.ContentLength} bytes; at most {max}"));
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) return (null, Problems.TooLarge($"The body exceeds {max} bytes"));
            buffer.Write(chunk, 0, read);
        }
        return (System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
    }
}
