using System.Net;
using PrivateDomainGrains.Host.Webhooks;

namespace PrivateDomainGrains.FunctionalTests.Webhooks;

/// <summary>Which addresses a webhook may reach (<see cref="WebhookTargets.RefusedKind"/>): public unicast only, IPv4 carried in IPv6 judged as IPv4.</summary>
public sealed class WebhookTargetAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("fd00:ec2::254", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("100.100.100.200", "shared")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.0.0.1", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("::127.0.0.1", "reserved")]
    [InlineData("64:ff9b:1::a", "reserved")]
    [InlineData("2002:7f00:1::", "transition")]
    [InlineData("2001:0:4136:e378::1", "transition")]
    [InlineData("192.88.99.1", "reserved")]
    public void A_non_public_address_is_refused_with_what_it_is(string address, string kind) =>
        Assert.StartsWith(kind, WebhookTargets.RefusedKind(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:1.1.1.1")]
    [InlineData("64:ff9b::808:808")]
    public void A_public_address_is_allowed(string address) => Assert.Null(WebhookTargets.RefusedKind(IPAddress.Parse(address)));
}
