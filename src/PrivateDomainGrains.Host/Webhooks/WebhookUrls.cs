using System.Text.RegularExpressions;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// What a subscription's <c>url</c> may be, and when two are the same. A URL is taken exactly as sent or refused,
/// never trimmed or repaired: what is stored and shown is what the dispatcher requests. Refused (a 400 naming
/// <c>url</c>): white space anywhere (leading and trailing too) and backslashes, a scheme other than https (http with
/// <c>Webhooks:AllowInsecureUrls</c>), no host, user info (<c>user:password@</c>: a receiver authenticates a request by
/// its signature), a fragment (<c>#...</c>: never sent), and a port outside 1-65535. Whether the host is a public
/// address is <see cref="WebhookTargets"/>' question.
/// </summary>
public static partial class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> cannot be a subscription's URL, as the message for <c>url</c> in the request's language; null when it can.</summary>
    public static string? Problem(string? url, bool allowInsecure)
    {
        if (string.IsNullOrWhiteSpace(url)) return ApiPhrases.FieldRequired.Say("url");
        if (url.Length > MaxLength) return ApiPhrases.FieldTooLong.Say("url", MaxLength);
        if (PlainText.HasControlCharacters(url) || StorableText.Problem(url) is not null) return ApiPhrases.UrlControl.Say();
        if (url.Trim().Length != url.Length) return ApiPhrases.UrlEdgeSpace.Say();
        if (url.Any(char.IsWhiteSpace)) return ApiPhrases.UrlSpace.Say();
        if (url.Contains('\\')) return ApiPhrases.UrlBackslash.Say();
        if (url.Contains('#')) return ApiPhrases.UrlFragment.Say();
        if (Authority().Match(url) is { Success: true } parts)
        {
            if (parts.Groups["user"].Success) return ApiPhrases.UrlUserInfo.Say();
            if (parts.Groups["port"].Value is { Length: > 0 } port && (port.Length > 5 || int.Parse(port) is < 1 or > 65535))
                return ApiPhrases.UrlPort.Say(port);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (allowInsecure && uri.Scheme == Uri.UriSchemeHttp))
            || string.IsNullOrEmpty(uri.Host))
            return (allowInsecure ? ApiPhrases.UrlHttpsOrHttp : ApiPhrases.UrlHttps).Say();
        return null;
    }

    /// <summary>
    /// The URL as the receiver sees it, for telling two apart: scheme and host in any case, a default port written out
    /// or not, are one URL (<c>HTTPS://Crm.Example.com:443/pdg</c> is <c>https://crm.example.com/pdg</c>); path and query
    /// are compared as they are (<c>/pdg</c> and <c>/pdg/</c> may be different resources).
    /// </summary>
    public static string Key(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}{uri.PathAndQuery}" : url;

    /// <summary>The authority of an absolute URL: user info (before the last '@') and an explicit port (after the host, bracketed IPv6 included).</summary>
    [GeneratedRegex("""^[A-Za-z][A-Za-z0-9+.-]*://(?:(?<user>[^/?#]*)@)?(?:\[[^\]/?#]*\]|[^:/?#@]*)(?::(?<port>[0-9]*))?(?:[/?#]|$)""")]
    private static partial Regex Authority();
}
