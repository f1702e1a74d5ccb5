using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Identity;

public sealed class IdentityNormalizerTests
{
    private static readonly IdentityNormalizer China = new();

    private static string? Normal(string kind, string value, IdentityNormalizer? normalizer = null) =>
        (normalizer ?? China).Normalize(kind, value, out _)?.Value;

    [Theory]
    [InlineData("+86 138 0013 8000")]
    [InlineData("0086-13800138000")]
    [InlineData("13800138000")]
    [InlineData("+86-138-0013-8000")]
    [InlineData(" (+86) 13800138000 ")]
    public void Every_way_of_writing_a_Chinese_mobile_number_is_the_same_E164_number(string written) =>
        Assert.Equal("+8613800138000", Normal("phone", written));

    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 (650) 253-0000", "+16502530000")]
    [InlineData("+852 6123 4567", "+85261234567")]
    [InlineData("+81 3-1234-5678", "+81312345678")]
    public void Foreign_numbers_written_with_their_country_code_keep_it(string written, string e164) =>
        Assert.Equal(e164, Normal("phone", written));

    [Fact]
    public void A_national_number_is_read_in_the_configured_region() =>
        Assert.Equal("+442079460958", Normal("phone", "020 7946 0958", new IdentityNormalizer("GB")));

    [Theory]
    [InlineData("12345")]
    [InlineData("not a phone")]
    [InlineData("+86 138 0013")]
    [InlineData("+999 1234 5678")]
    public void Invalid_phone_numbers_are_refused_with_a_reason(string written)
    {
        Assert.Null(China.Normalize("phone", written, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void Emails_are_compared_without_case() => Assert.Equal("li.lei@example.com", Normal("email", " Li.Lei@Example.COM "));

    [Theory]
    [InlineData("email", "no-at-sign")]
    [InlineData("email", "two@@example.com")]
    [InlineData("unionid", "has space")]
    [InlineData("order", "has/slash")]
    [InlineData("openid:", "o1")]
    [InlineData("openid:wx/1", "o1")]
    [InlineData("wechat", "o1")]
    [InlineData("phone", "   ")]
    public void Malformed_values_and_unknown_kinds_are_refused(string kind, string value)
    {
        Assert.Null(China.Normalize(kind, value, out var problem));
        Assert.NotNull(problem);
    }

    [Fact]
    public void An_id_longer_than_128_characters_is_refused() => Assert.Null(Normal("unionid", new string('o', 129)));

    [Fact]
    public void Ids_are_kept_as_sent_but_trimmed()
    {
        Assert.Equal("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", Normal("unionid", " o6_bmjrPTlm6_2sgVt7hMZOPfL2M "));
        Assert.Equal("wmAbC-123", Normal("external_userid", "wmAbC-123"));
        Assert.Equal("oAbc", Normal("openid:wx8888", "oAbc"));
        Assert.Equal("T2026-11-30:001", Normal("order", "T2026-11-30:001"));
    }

    [Fact]
    public void Nicknames_fold_full_width_forms_and_spaces_and_are_weak()
    {
        var nickname = China.Normalize("nickname", "  Ｌｉ　　Ｌｅｉ ", out _)!;
        Assert.Equal("Li Lei", nickname.Value);
        Assert.False(nickname.IsStrong);
        Assert.True(new CustomerIdentity("phone", "+8613800138000").IsStrong);
    }

    [Fact]
    public void Resolution_tries_unionid_then_external_userid_openid_phone_order_and_email()
    {
        var order = new[] { "email", "order", "phone", "openid:wx1", "external_userid", "unionid" }.OrderBy(IdentityKinds.Priority);
        Assert.Equal(["unionid", "external_userid", "openid:wx1", "phone", "order", "email"], order);
    }

    [Theory]
    [InlineData("email", @"q\u0000@b.com")]
    [InlineData("email", @"a\nb@c.com")]
    [InlineData("unionid", @"o6_bmjrPTlm6\u0000")]
    [InlineData("order", @"T10\r01")]
    [InlineData("nickname", @"小美\ud800")]
    [InlineData("phone", @"138\u00000013 8000")]
    public void An_identity_with_control_characters_or_half_a_surrogate_is_refused_for_every_kind(string kind, string escaped)
    {
        Assert.Null(new IdentityNormalizer().Normalize(kind, System.Text.RegularExpressions.Regex.Unescape(escaped), out var problem));
        Assert.Equal("must not contain control characters or unpaired surrogates", problem);
    }
}
