using System.Net;
using System.Net.Sockets;
using PrivateDomainGrains.LoadTest.Cluster;

namespace PrivateDomainGrains.LoadTest.Tests.Cluster;

/// <summary>
/// A server's port is chosen below the kernel's ephemeral range, where no outgoing connection can take it between the
/// choice and the bind (a functional test once failed "address already in use" on 46363 while the load tool's clients
/// ran beside it), and is one nothing listens on.
/// </summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Ports_are_distinct_below_the_ephemeral_range_and_free_to_bind()
    {
        var ports = Enumerable.Range(0, 50).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 20_000, 31_999));
        Assert.All(ports, p =>
        {
            using var listener = new TcpListener(IPAddress.Loopback, p);
            listener.Start();
        });
    }

    [Fact]
    public void The_range_lies_below_this_machines_ephemeral_ports()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

        Assert.True(int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) > 31_999,
            $"the kernel hands out ports from {range[0]}: a chosen port could be taken by an outgoing connection");
    }
}
