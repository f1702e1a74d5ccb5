using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PrivateDomainGrains.Host.Integrations.WeCom;

namespace PrivateDomainGrains.FunctionalTests.WeCom;

/// <summary>
/// Plays WeCom's server: encrypts and signs callbacks for one tenant's callback URL exactly as WeCom does
/// (the crypto is checked against WeCom's own samples in <see cref="WeComCallbackCryptoTests"/>).
/// </summary>
public sealed class WeComServer(Uri node, string tenant, string token, string encodingAesKey, string corpId) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = node };

    public WeComCallbackCrypto Crypto { get; } = new(token, encodingAesKey, corpId);
    public string CorpId => corpId;

    /// <summary>One signed request: its query string values and XML body. Sending the same instance twice is a replay.</summary>
    public sealed record Request(string Timestamp, string Nonce, string MsgSignature, string Body);

    public string CallbackPath => $"/api/v1/wecom/{tenant}/callback";

    /// <summary>Encrypts <paramref name="plaintextXml"/> (with <paramref name="crypto"/> if given, e.g. another corp's) and signs it, now or at <paramref name="at"/>.</summary>
    public Request Sign(string plaintextXml, DateTimeOffset? at = null, WeComCallbackCrypto? crypto = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var encrypt = (crypto ?? Crypto).Encrypt(plaintextXml);
        var body = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return new Request(timestamp, nonce, Crypto.Signature(timestamp, nonce, encrypt), body);
    }

    public Task<HttpResponseMessage> PostAsync(Request request) =>
        _http.PostAsync(Query(request.MsgSignature, request.Timestamp, request.Nonce), new StringContent(request.Body, Encoding.UTF8, "text/xml"));

    /// <summary>The GET WeCom sends when an admin saves the callback URL: an encrypted random number to echo.</summary>
    public Task<HttpResponseMessage> VerifyUrlAsync(string echo, string? signature = null)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        const string nonce = "263014780";
        var echostr = Crypto.Encrypt(echo);
        return _http.GetAsync(Query(signature ?? Crypto.Signature(timestamp, nonce, echostr), timestamp, nonce) + "&echostr=" + Uri.EscapeDataString(echostr));
    }

    private string Query(string signature, string timestamp, string nonce) =>
        $"{CallbackPath}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}";

    /// <summary>A <c>change_external_contact</c> callback as WeCom's event documentation shows it.</summary>
    public string ContactChange(string changeType, string userId, string externalUserId, long createTime, string extra = "") => $"""
        <xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{createTime}</CreateTime>
        <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[{changeType}]]></ChangeType>
        <UserID><![CDATA[{userId}]]></UserID><ExternalUserID><![CDATA[{externalUserId}]]></ExternalUserID>{extra}</xml>
        """;

    public string FriendAdded(string userId, string externalUserId, long createTime) =>
        ContactChange("add_external_contact", userId, externalUserId, createTime,
            "<State><![CDATA[spring-campaign]]></State><WelcomeCode><![CDATA[CALLBACK_CODE]]></WelcomeCode>");

    public void Dispose() => _http.Dispose();
}
