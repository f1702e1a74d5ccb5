using System.Globalization;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Persistence;

namespace PrivateDomainGrains.Grains.Tests.Customers;

/// <summary>The directory's search pieces are whole characters: never half an emoji or a letter without its marks.</summary>
public sealed class SearchGramsTests
{
    private static readonly string[] Graphemes =
        ["a", "油", "皮", "é", "e\u0301", "👩🏽‍💻", "🇨🇳", "م", "ر", "ح", "\u05e9\u05c1", "क्षि", " ", "🙂"];

    [Fact]
    public void Every_piece_of_any_text_is_one_or_two_whole_characters_that_can_be_stored()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var text = string.Concat(Enumerable.Range(0, 1 + seed % 12).Select(_ => Graphemes[random.Next(Graphemes.Length)]));
            foreach (var gram in SearchGrams.Of(text).Concat(SearchGrams.ForQuery(text)))
            {
                Assert.Null(StorableText.Problem(gram));
                Assert.InRange(new StringInfo(gram).LengthInTextElements, 1, text.Length <= 2 ? text.Length : 2);
            }
        }
    }

    [Fact]
    public void A_query_needs_exactly_the_two_character_pieces_of_its_fold()
    {
        Assert.Equal(["小美", "🌸小"], SearchGrams.ForQuery("🌸小美").Order(StringComparer.Ordinal));
        Assert.Equal(["👩🏽‍💻"], SearchGrams.ForQuery("👩🏽‍💻"));
        Assert.Subset(SearchGrams.Of("🌸小美").ToHashSet(), SearchGrams.ForQuery("🌸小美").ToHashSet());
    }

    [Fact]
    public void One_character_is_one_text_element_of_the_fold_whatever_its_length_in_utf16()
    {
        Assert.All(new[] { "王", "👩🏽‍💻", "Ａ", "e\u0301" }, q => Assert.True(SearchGrams.IsOneCharacter(q), q));
        Assert.All(new[] { "", "王五", "ab" }, q => Assert.False(SearchGrams.IsOneCharacter(q), q));
    }

    [Fact]
    public void A_phone_number_is_found_by_its_last_four_to_eleven_digits_whatever_its_punctuation()
    {
        var entries = SearchGrams.OfPhone("+86 138-0013-8000").ToList();

        Assert.Equal(8, entries.Count); // 4..11 of the 13 digits
        Assert.All(new[] { "8000", "38000", "13800138000" }, suffix => Assert.Contains(SearchGrams.ForPhoneQuery(suffix)!, entries));
        Assert.DoesNotContain(SearchGrams.ForPhoneQuery("1380")!, entries);
        Assert.Null(SearchGrams.ForPhoneQuery("800")); // too short to mean a phone number
        Assert.Null(SearchGrams.ForPhoneQuery("8000a"));
        Assert.Empty(SearchGrams.OfPhone("n/a 12"));
        Assert.Empty(SearchGrams.OfPhone(null));
    }
}
