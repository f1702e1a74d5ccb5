using System.Text.RegularExpressions;
using PrivateDomainGrains.Core.Text;

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

    /// <summary>Why <paramref name="url"/> cannot be a subscription's URL, as the message for <c>url</c>; null when it can.</summary>
    public static string? Problem(string? url, bool allowInsecure)
    {
        var schemes = allowInsecure ? "https or http" : "https";
        if (string.IsNullOrWhiteSpace(url)) return "'url' is required";
        if (url.Length > MaxLength) return $"'url' must be at most {MaxLength} characters";
        if (PlainText.HasControlCharacters(url) || StorableText.Problem(url) is not null) return "'url' must not contain control characters or unpaired surrogates";
        if (url.Trim().Length != url.Length) return "'url' must not begin or end with white space: it is taken exactly as sent, nothing is trimmed";
        if (url.Any(char.IsWhiteSpace)) return "'url' must not contain white space: write a space in a path or query as %20";
        if (url.Contains('\\')) return "'url' must not contain '\\': separate its path with '/'";
        if (url.Contains('#')) return "'url' must not have a fragment (#...): a fragment is never sent to the receiver";
        if (Authority().Match(url) is { Success: true } parts)
        {
            if (parts.Groups["user"].Success) return "'url' must not carry user info (user:password@): the receiver checks the request's signature instead";
            if (parts.Groups["port"].Value is { Length: > 0 } port && (port.Length > 5 || int.Parse(port) is < 1 or > 65535))
                return $"'url' has port {port}; a port is 1-65535 (or left out: 443 for https, 80 for http)";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || (allowInsecure && uri.Scheme == Uri.UriSchemeHttp))
            || string.IsNullOrEmpty(uri.Host))
            return $"'url' must be an absolute {schemes} URL";
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
