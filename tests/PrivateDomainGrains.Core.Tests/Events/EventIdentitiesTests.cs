using PrivateDomainGrains.Core.Events;
using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Events;

public sealed class EventIdentitiesTests
{
    private static readonly CustomerEvent Order = new("o-1", "", "order.paid", DateTimeOffset.UnixEpoch, "shop", null, null,
        new Dictionary<string, string> { ["orderId"] = "T1", ["amount"] = "10" });

    [Fact]
    public void An_event_resolved_to_a_customer_keeps_its_data_and_records_its_identities_beside_it()
    {
        var attached = EventIdentities.Attach(Order, "c_ot3taryvwql5uix5ygfmci3644", [new("phone", "+8613800138000"), new("nickname", "Li")]);

        Assert.Equal("c_ot3taryvwql5uix5ygfmci3644", attached.CustomerId);
        Assert.Equal(("T1", "+8613800138000", "Li"), (attached.DataValue("orderId"), attached.DataValue("identity.phone"), attached.DataValue("identity.nickname")));
        Assert.Equal([new CustomerIdentity("phone", "+8613800138000"), new CustomerIdentity("nickname", "Li")], EventIdentities.Of(attached).OrderBy(i => i.Priority));
        Assert.Empty(EventIdentities.Of(Order));
    }

    [Fact]
    public void Only_strong_identities_have_a_resolution_priority_below_the_nicknames()
    {
        Assert.All(new[] { "unionid", "external_userid", "openid:wx1", "phone", "order", "email" }, k => Assert.True(IdentityKinds.IsStrong(k)));
        Assert.False(IdentityKinds.IsStrong("nickname"));
        Assert.True(IdentityKinds.IsKnown("nickname"));
        Assert.False(IdentityKinds.IsKnown("openid"));
    }
}
