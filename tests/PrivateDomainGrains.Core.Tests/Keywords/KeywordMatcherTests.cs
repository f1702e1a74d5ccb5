using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrivateDomainGrains.Core.Keywords;

namespace PrivateDomainGrains.Core.Tests.Keywords;

public sealed class KeywordMatcherTests
{
    private static readonly KeywordMatcher Skin = new(
    [
        new KeywordRule("油皮", "oily-skin"),
        new KeywordRule("oily skin", "oily-skin"),
        new KeywordRule("price", "price-sensitive"),
        new KeywordRule("多少钱", "price-sensitive"),
        new KeywordRule("refund", "refund"),
    ]);

    [Fact]
    public void Chinese_and_english_keywords_tag_the_same_message()
    {
        Assert.Equal(["oily-skin", "price-sensitive"], Skin.Match("我是油皮, what's the price?"));
    }

    [Fact]
    public void Full_width_and_upper_case_letters_match_their_ascii_lower_case_keyword()
    {
        Assert.Equal(["price-sensitive", "refund"], Skin.Match("ＰＲＩＣＥ and REFUND please"));
        Assert.Equal(["oily-skin"], Skin.Match("OILY　SKIN"));
    }

    [Fact]
    public void A_tag_is_reported_once_however_often_its_keywords_occur()
    {
        Assert.Equal(["price-sensitive"], Skin.Match("price? 多少钱? price!"));
    }

    [Fact]
    public void Overlapping_and_nested_keywords_all_match()
    {
        var m = new KeywordMatcher([new("he", "he"), new("she", "she"), new("his", "his"), new("hers", "hers")]);
        Assert.Equal(["she", "he", "hers"], m.Match("ushers"));
    }

    [Fact]
    public void A_message_without_keywords_matches_nothing()
    {
        Assert.Empty(Skin.Match("hello there"));
        Assert.Empty(KeywordMatcher.Empty.Match("price"));
    }

    [Fact]
    public void Keywords_are_folded_too()
    {
        var m = new KeywordMatcher([new("ＶＩＰ", "vip")]);
        Assert.Equal(["vip"], m.Match("i want vip"));
    }

    [Property(MaxTest = 300)]
    public Property One_pass_finds_exactly_the_tags_a_naive_folded_search_finds()
    {
        var alphabet = Gen.Elements('a', 'b', 'A', 'Ａ', 'ｂ', '油', '皮');
        var word = Gen.NonEmptyListOf(alphabet).Select(cs => new string([.. cs.Take(4)]));
        var keywords = Gen.NonEmptyListOf(word).Select(ws => ws.Take(12).ToArray());
        var text = Gen.ListOf(alphabet).Select(cs => new string([.. cs]));
        return Prop.ForAll(keywords.ToArbitrary(), text.ToArbitrary(), (kws, t) =>
        {
            var m = new KeywordMatcher(kws.Select((k, i) => new KeywordRule(k, "t" + i % 5)));
            var folded = TextFold.Fold(t);
            var expected = kws.Select((k, i) => (k, tag: "t" + i % 5))
                .Where(x => folded.Contains(TextFold.Fold(x.k), StringComparison.Ordinal))
                .Select(x => x.tag).ToHashSet();
            return m.Match(t).ToHashSet().SetEquals(expected);
        });
    }
}
