using PrivateDomainGrains.Core.Identity;

namespace PrivateDomainGrains.Core.Tests.Identity;

public sealed class CustomerIdMintTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void A_minted_id_is_the_keyed_hash_of_the_identity_in_base32_and_the_same_for_the_same_identity()
    {
        var mint = new CustomerIdMint(Key);

        // HMAC-SHA256(key 00..1f, "phone\0+8613900139000"), first 16 bytes, RFC 4648 base32 in lower case.
        Assert.Equal("c_ot3taryvwql5uix5ygfmci3644", mint.For(new("phone", "+8613900139000")));
        Assert.Equal("c_iqatsozmhlj2l3pdofujni3qaq", mint.For(new("unionid", "o6_bm")));
        Assert.Equal(mint.For(new("phone", "+8613900139000")), new CustomerIdMint(Key).For(new("phone", "+8613900139000")));
    }

    [Theory]
    [InlineData("phone", "+8613900139000")]
    [InlineData("phone", "+442079460958")]
    [InlineData("phone", "+8613555017788")]
    [InlineData("email", "li+shop@example.com")]
    [InlineData("openid:wx8888", "oAbc")]
    public void A_minted_id_is_a_valid_id_that_holds_no_digit_run_of_the_identity(string kind, string value)
    {
        var id = new CustomerIdMint(Key).For(new(kind, value));

        Assert.True(Ids.IsValid(id));
        Assert.Matches("^c_[a-z2-7]{26}$", id);
        // Base32 has no 0, 1, 8 or 9, and the id is a hash: no three digits of the identity appear in a row.
        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        for (var i = 0; i + 3 <= digits.Length; i++) Assert.DoesNotContain(digits.Substring(i, 3), id);
        Assert.DoesNotContain(value.ToLowerInvariant(), id);
    }

    [Fact]
    public void Another_key_mints_another_id_so_ids_cannot_be_matched_to_phones_without_the_key()
    {
        var other = new CustomerIdMint([.. Key.Select(b => (byte)(b ^ 0x5a))]);

        Assert.NotEqual(new CustomerIdMint(Key).For(new("phone", "+8613900139000")), other.For(new("phone", "+8613900139000")));
        Assert.NotEqual(new CustomerIdMint(Key).For(new("phone", "+8613900139000")), new CustomerIdMint(Key).For(new("phone", "+8613900139001")));
    }

    [Fact]
    public void A_short_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new CustomerIdMint(new byte[16]));
    }
}
