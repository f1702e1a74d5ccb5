using System.Net;
using System.Net.Sockets;

namespace PrivateDomainGrains.LoadTest.Cluster;

/// <summary>
/// Ports on 127.0.0.1 for servers that are told their port before they start (hosts, Orleans silos and gateways of the
/// tool's own clusters and of the tests). A port the kernel picks for "port 0" is in its ephemeral range (Linux:
/// 32768-60999), the range every outgoing connection draws from too: with hundreds of client connections open, one of
/// them could take the port between its choice and the server's bind ("address already in use"). These come from
/// below that range instead, from a random place per process (so test processes running at once rarely meet), and
/// only ones nothing listens on now. Also compiled into the functional tests (a linked file).
/// </summary>
public static class FreePorts
{
    /// <summary>The ports handed out: [20000, 32000).</summary>
    private const int First = 20_000, Count = 12_000;

    private static int _offset = Random.Shared.Next(Count);

    /// <summary>A port below the ephemeral range that nothing listens on right now.</summary>
    /// <exception cref="InvalidOperationException">Every port of the range is in use.</exception>
    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _offset) % Count);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: the next one.
            }
        }
        throw new InvalidOperationException($"No free port on 127.0.0.1 in {First}-{First + Count - 1}");
    }
}
