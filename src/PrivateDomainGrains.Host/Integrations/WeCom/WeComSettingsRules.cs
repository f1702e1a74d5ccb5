using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Integrations.WeCom;

/// <summary>
/// What WeCom's admin console accepts for the callback settings (客户联系 / 应用 → 接收消息 → API 接收): Token of 1-32
/// ASCII letters and digits, EncodingAESKey of exactly 43 base64 characters (no padding; it decodes to the 32-byte
/// AES key), and a CorpID of "ww" or "wx" plus 16 letters or digits (as in WeCom's samples: ww1436e0e65a779aee).
/// </summary>
public static class WeComSettingsRules
{
    public const int MaxTokenLength = 32;
    public const int CorpIdLength = 18;

    /// <summary>Every problem, keyed by the request's field name and worded in its language; empty when all three hold.</summary>
    public static Dictionary<string, string[]> Validate(string? corpId, string? token, string? encodingAesKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (corpId is null || corpId.Length != CorpIdLength || !(corpId.StartsWith("ww", StringComparison.Ordinal) || corpId.StartsWith("wx", StringComparison.Ordinal))
            || !corpId.All(char.IsAsciiLetterOrDigit))
            errors["corpId"] = [ApiPhrases.WeComCorpId.Say(CorpIdLength)];
        if (token is null || token.Length is 0 or > MaxTokenLength || !token.All(char.IsAsciiLetterOrDigit))
            errors["token"] = [ApiPhrases.WeComToken.Say(MaxTokenLength)];
        if (encodingAesKey is null || encodingAesKey.Length != WeComCallbackCrypto.EncodingAesKeyLength
            || !encodingAesKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            errors["encodingAesKey"] = [ApiPhrases.WeComAesKey.Say(WeComCallbackCrypto.EncodingAesKeyLength)];
        return errors;
    }
}
