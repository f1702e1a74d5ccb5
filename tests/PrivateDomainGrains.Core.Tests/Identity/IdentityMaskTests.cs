using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Identity;

/// <summary>What a tag job's row and an identity import's report keep of an identity: its kind and the value's ends, never the whole value.</summary>
public sealed class IdentityMaskTests
{
    [Theory]
    [InlineData("phone", "+8613800138000", "phone:+86********000")]
    [InlineData("unionid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "unionid:oUpF********************eS6o")]
    [InlineData("openid:wx1234567890abcdef", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "openid:wx1234567890abcdef:o6_b********************fL2M")]
    [InlineData("email", "li@example.com", "email:li@********com")]
    [InlineData("order", "A1234", "order:A***4")]
    [InlineData("nickname", "小李", "nickname:**")]
    [InlineData("nickname", "李", "nickname:*")]
    [InlineData("nickname", "小李🌸x", "nickname:小**x")]
    public void Masked_keeps_a_quarter_of_the_value_at_each_end_and_stars_the_rest(string kind, string value, string masked) =>
        Assert.Equal(masked, new CustomerIdentity(kind, value).Masked);

    [Fact]
    public void A_masked_value_masks_to_itself() // what migrations 0061 and 0062 rely on to run again
    {
        var once = new CustomerIdentity("phone", "+8613800138000").Masked;
        Assert.Equal(once, new CustomerIdentity("phone", once["phone:".Length..]).Masked);
    }
}
