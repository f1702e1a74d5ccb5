using PrivateDomainGrains.Core.Customers;
using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Core.Tests.Tags;

public sealed class TagNamesTests
{
    [Theory]
    [InlineData("ＶＩＰ", "VIP")]
    [InlineData("  VIP  ", "VIP")]
    [InlineData("\u3000油皮\u3000", "油皮")]
    [InlineData("Ａ／Ｂ测试", "A/B测试")]
    [InlineData("Cafe\u0301", "Caf\u00E9")]
    [InlineData("VIP", "VIP")]
    [InlineData("vip", "vip")]
    public void A_tag_is_trimmed_narrowed_to_ascii_and_composed(string given, string tag) => Assert.Equal(tag, TagNames.Normalize(given));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("V\u0007IP")]
    [InlineData("VIP\u200B")]
    [InlineData("\u202Epiv")]
    [InlineData("a\u0000")]
    [InlineData("\U0001F44D\u200D")]
    [InlineData("VIP\U000E0041")]
    public void Empty_control_format_and_unstorable_text_is_no_tag(string given) => Assert.Null(TagNames.Normalize(given));

    [Fact]
    public void Text_that_is_not_unicode_is_no_tag_and_folds_to_itself()
    {
        // Not an InlineData: attributes keep strings as UTF-8, where a lone surrogate cannot be written.
        const string lone = "a\ud800";
        Assert.Null(TagNames.Normalize(lone));
        Assert.Same(lone, TagNames.Fold(lone));
    }

    [Fact]
    public void A_tag_is_at_most_64_characters_once_folded()
    {
        Assert.NotNull(TagNames.Normalize(new string('ａ', 64)));
        Assert.Null(TagNames.Normalize(new string('a', 65)));
    }

    [Fact]
    public void Characters_are_counted_as_a_person_counts_them_so_64_emoji_or_flags_are_a_tag_and_65_are_not()
    {
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("👍", 64))));
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("🇨🇳", 64))));
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("👍🏽", 64))));
        Assert.NotNull(TagNames.Normalize(string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", 64))));
        Assert.Null(TagNames.Normalize(string.Concat(Enumerable.Repeat("👍", 65))));
    }

    [Fact]
    public void A_family_emoji_joined_by_zero_width_joiners_is_a_tag_of_one_character()
    {
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        Assert.Equal(family, TagNames.Normalize(family));
        Assert.Equal("VIP " + family, TagNames.Normalize("ＶＩＰ " + family));
    }

    [Fact]
    public void One_character_under_hundreds_of_combining_marks_is_still_too_long()
    {
        Assert.NotNull(TagNames.Normalize("e" + new string('\u0301', 15)));
        Assert.Null(TagNames.Normalize("e" + new string('\u0301', 1_100)));
    }

    [Fact]
    public void An_ascii_or_folded_tag_is_returned_as_the_same_string()
    {
        const string folded = "油皮";
        Assert.Same(folded, TagNames.Fold(folded));
    }

    [Fact]
    public void A_customer_holds_look_alikes_as_one_tag()
    {
        var tags = new TagSet(["ＶＩＰ", "Cafe\u0301"]);
        Assert.False(tags.Add("VIP"));
        Assert.False(tags.Add("Caf\u00E9"));
        Assert.True(tags.Contains("ＶＩＰ"));
        Assert.Equal(["Caf\u00E9", "VIP"], tags);
        Assert.True(tags.Remove("ＶＩＰ"));
        Assert.Equal(["Caf\u00E9"], tags);
    }
}
