using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using PrivateDomainGrains.Core.Identity;
using PrivateDomainGrains.Core.Text;
using PrivateDomainGrains.Grains.Hosting;
using PrivateDomainGrains.Host.Apis;

namespace PrivateDomainGrains.FunctionalTests.Localization;

/// <summary>
/// Every message the platform words for people (<see cref="Phrase"/>, in the Core, Grains and Host assemblies) reads in
/// Chinese and in English with the same values: a phrase cannot be declared without its Chinese, and this finds one
/// whose Chinese is a copy of the English, drops or adds a value, or does not format.
/// </summary>
public sealed partial class PhraseCatalogTests
{
    public static TheoryData<string> Phrases() => [.. All().Select(p => p.Name)];

    private static IEnumerable<(string Name, Phrase Phrase)> All() =>
        new[] { typeof(Phrase).Assembly, typeof(CallerLanguage).Assembly, typeof(ApiPhrases).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.FieldType == typeof(Phrase))
                .Select(f => ($"{t.Name}.{f.Name}", (Phrase)f.GetValue(null)!)));

    [Fact]
    public void The_catalog_holds_the_phrases_of_every_area_the_console_shows()
    {
        var classes = All().Select(p => p.Name.Split('.')[0]).ToHashSet();
        Assert.Superset(new HashSet<string> { "CommonPhrases", "PlaybookPhrases", "SegmentPhrases", "IdentityPhrases", "EventPhrases", "TagPhrases", "MergePhrases", "ApiPhrases" }, classes);
        Assert.True(All().Count() > 150, $"{All().Count()} phrases");
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void A_phrase_reads_in_Chinese_with_the_values_of_its_English(string name)
    {
        var phrase = All().Single(p => p.Name == name).Phrase;

        // Words in Chinese; punctuation alone ("'{0}': {1}", "; ") in its Chinese, full-width form.
        if (Word().IsMatch(phrase.English)) Assert.Matches(Cjk(), phrase.Chinese);
        else Assert.Matches(FullWidth(), phrase.Chinese);
        Assert.Equal(Holes(phrase.English), Holes(phrase.Chinese));
        // A date for a date's format, a number for the rest.
        var values = Holes(phrase.English).OrderBy(h => h.Index)
            .Select(h => h.Format is ":u" or ":O" or ":yyyy-MM-dd" ? (object)new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero) : h.Index + 7).ToArray();
        Assert.NotEqual(phrase.In(CultureInfo.GetCultureInfo("en"), values), phrase.In(CultureInfo.GetCultureInfo("zh-CN"), values));
    }

    [Fact]
    public void No_two_phrases_say_the_same_thing_even_with_another_field_or_number_in_it()
    {
        // A sentence declared twice drifts apart (its Chinese reworded in one place only). A field's name and a number are
        // values: "'limit' must be 1-{0}" and "'overlapMinutes' must be 0-{0}" are one phrase, "'{0}' must be {1}-{2}".
        static IEnumerable<string> Twins(Func<Phrase, string> text) => All()
            .GroupBy(p => Value().Replace(text(p.Phrase), "#"))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(p => p.Name)));

        Assert.Empty(Twins(p => p.English).Concat(Twins(p => p.Chinese)));
    }

    [Fact]
    public void A_list_in_a_phrase_is_joined_in_the_phrases_language()
    {
        var (zh, en) = (CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"));
        string[] three = ["a", "b", "c"];

        Assert.Equal("不是身份类型：请用 unionid、external_userid、openid:{appId}、phone、order、email 或 nickname", IdentityPhrases.NotAKind.In(zh, IdentityKinds.Listed));
        Assert.Equal("is not an identity kind: use unionid, external_userid, openid:{appId}, phone, order, email or nickname", IdentityPhrases.NotAKind.In(en, IdentityKinds.Listed));
        Assert.Equal(("须为以下之一：a、b、c", "must be one of a, b, c"), (CommonPhrases.OneOf.In(zh, WordedList.Each(three)), CommonPhrases.OneOf.In(en, WordedList.Each(three))));
        Assert.Equal(("a 或 b", "a or b", "a"), (WordedList.Or(["a", "b"]).In(zh), WordedList.Or(["a", "b"]).In(en), WordedList.Or(["a"]).In(zh)));
        Assert.Equal(("a；b", "a; b"), (WordedList.Clauses(["a", "b"]).In(zh), WordedList.Clauses(["a", "b"]).In(en)));
    }

    [Fact]
    public void The_language_is_the_UI_cultures_Chinese_for_any_zh_and_English_otherwise()
    {
        var phrase = CommonPhrases.Between;

        Assert.Equal("must be 1-5", phrase.In(CultureInfo.GetCultureInfo("en-US"), 1, 5));
        Assert.Equal("must be 1-5", phrase.In(CultureInfo.InvariantCulture, 1, 5));
        Assert.Equal("须为 1-5", phrase.In(CultureInfo.GetCultureInfo("zh-CN"), 1, 5));
        Assert.Equal("须为 1-5", phrase.In(CultureInfo.GetCultureInfo("zh-TW"), 1, 5));
    }

    /// <summary>The values a composite format takes, with their formats (<c>{0:N0}</c>), escaped braces left out.</summary>
    private static List<(int Index, string Format)> Holes(string format) =>
        [.. Hole().Matches(format.Replace("{{", "").Replace("}}", "")).Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value)).Distinct().OrderBy(h => h)];

    [GeneratedRegex(@"\{(\d+)(:[^}]*)?\}")]
    private static partial Regex Hole();

    /// <summary>A value in a text: a hole (quoted or not), a quoted field name, a number.</summary>
    [GeneratedRegex(@"'?\{\d+(:[^}]*)?\}'?|'[A-Za-z.]+'|\d+")]
    private static partial Regex Value();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\p{IsHalfwidthandFullwidthForms}")]
    private static partial Regex FullWidth();

    /// <summary>A word, once the values' holes are left out.</summary>
    [GeneratedRegex(@"(?<!\{[^}]*)[A-Za-z]{2,}")]
    private static partial Regex Word();
}
