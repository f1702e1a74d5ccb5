using System.Net;
using System.Net.Sockets;

namespace PrivateDomainGrains.FunctionalTests.Infrastructure;

public static class FreePorts
{
    /// <summary>A port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
