using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.Host.Webhooks;

/// <summary>
/// Where webhooks may go: public unicast addresses only, so a subscription cannot make the platform post into its own
/// network (server-side request forgery: the cloud metadata service at 169.254.169.254, PostgreSQL, the silo ports,
/// an intranet). Checked twice: when a subscription is stored (<see cref="RefusalAsync"/>, a 400 naming <c>url</c>)
/// and on every connection the dispatcher opens (<see cref="ConnectAsync"/>, the <c>webhooks</c> HttpClient's
/// <see cref="SocketsHttpHandler.ConnectCallback"/>), on the addresses the name resolves to at that moment and then on
/// the address the socket actually reached, so a name that resolves to a public address when subscribed and to
/// a private one later (DNS rebinding) is refused too. <see cref="WebhookOptions.AllowPrivateTargets"/> turns both
/// checks off (development and tests, whose receivers listen on 127.0.0.1).
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    /// <summary>How long a subscription waits for its host name to resolve; a name that does not resolve in time (or at all) is accepted and checked again on every delivery.</summary>
    private static readonly TimeSpan SubscribeResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Networks that are not the public internet, with what they are (IANA's special-purpose registries, RFC 6890 and
    /// its updates): loopback, link-local (cloud metadata), private (RFC 1918, fc00::/7), shared (carrier-grade NAT),
    /// multicast, unspecified and reserved ranges. IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) IPv6
    /// addresses are judged by the IPv4 address they carry.
    /// </summary>
    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (this network)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved (IETF protocol assignments)"),
        (IPNetwork.Parse("192.0.2.0/24"), "reserved (documentation)"),
        (IPNetwork.Parse("192.88.99.0/24"), "reserved (6to4 relay anycast, deprecated)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved (benchmarking)"),
        (IPNetwork.Parse("198.51.100.0/24"), "reserved (documentation)"),
        (IPNetwork.Parse("203.0.113.0/24"), "reserved (documentation)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (future use and broadcast)"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("100::/64"), "reserved (discard)"),
        (IPNetwork.Parse("2001::/32"), "transition (Teredo: carries an IPv4 address)"),
        (IPNetwork.Parse("2001:10::/28"), "reserved (ORCHID)"),
        (IPNetwork.Parse("2001:20::/28"), "reserved (ORCHIDv2)"),
        (IPNetwork.Parse("2001:db8::/32"), "reserved (documentation)"),
        (IPNetwork.Parse("2002::/16"), "transition (6to4: carries an IPv4 address)"),
        (IPNetwork.Parse("fc00::/7"), "private (unique local)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "private (site-local)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>IPv6 global unicast (RFC 4291, IANA's registry): every public IPv6 address is in it; what is outside is not.</summary>
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>What kind of non-public address <paramref name="address"/> is ("loopback", "link-local (cloud metadata)", "private (RFC 1918)", ...), or null when it is a public unicast address.</summary>
    public static string? RefusedKind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        else if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address)) address = new IPAddress(address.GetAddressBytes()[12..]);
        foreach (var (network, kind) in Refused)
        {
            if (network.Contains(address)) return kind; // false across address families
        }
        // Public only by what IANA allocated, not by a list of what is not: IPv4-compatible (::/96), local-use NAT64
        // (64:ff9b:1::/48) and whatever is reserved later are all outside 2000::/3.
        return address.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(address) ? "reserved (not IPv6 global unicast)" : null;
    }

    /// <summary>
    /// Why a subscription to <paramref name="uri"/> is refused (<c>'url' targets 127.0.0.1, a loopback address ...</c>),
    /// or null when it may be stored: its host is a public address, or a name whose every address is public, or a name
    /// that does not resolve now (every delivery resolves and checks it again). Always null with AllowPrivateTargets.
    /// </summary>
    public async Task<string?> RefusalAsync(Uri uri, CancellationToken ct)
    {
        if (options.Value.AllowPrivateTargets) return null;
        var host = uri.IdnHost;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SubscribeResolveTimeout);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return null;
            }
        }
        return addresses.Select(a => (Address: a, Kind: RefusedKind(a))).FirstOrDefault(a => a.Kind is not null) is { Kind: { } kind } refused
            ? ApiPhrases.UrlNotPublic.Say(Describe(host, refused.Address), kind)
            : null;
    }

    /// <summary>
    /// The <c>webhooks</c> HttpClient's connect callback: resolves the host, refuses (an <see cref="HttpRequestException"/>
    /// the delivery log shows as <c>lastError</c>, and the delivery is retried like any failed attempt) when any of its
    /// addresses is not public, connects, and checks the address the socket reached once more.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!options.Value.AllowPrivateTargets)
        {
            foreach (var address in addresses)
            {
                if (RefusedKind(address) is { } kind) throw Refusal(host, address, kind);
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            if (!options.Value.AllowPrivateTargets && socket.RemoteEndPoint is IPEndPoint reached && RefusedKind(reached.Address) is { } kind)
                throw Refusal(host, reached.Address, kind);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static HttpRequestException Refusal(string host, IPAddress address, string kind) =>
        new(HttpRequestError.ConnectionError,
            $"refused to connect: {Describe(host, address)} is a {kind} address and webhooks go to public addresses only (Webhooks:AllowPrivateTargets)");

    private static string Describe(string host, IPAddress address) =>
        IPAddress.TryParse(host, out _) ? address.ToString() : $"{host} ({address})";
}
