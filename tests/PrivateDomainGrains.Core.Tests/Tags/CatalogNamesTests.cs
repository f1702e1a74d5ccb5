using PrivateDomainGrains.Core.Tags;

namespace PrivateDomainGrains.Core.Tests.Tags;

public sealed class CatalogNamesTests
{
    [Theory]
    [InlineData("肤质", " 肤质 ")]
    [InlineData("Skin type", "SKIN TYPE")]
    [InlineData("Skin type", "ＳＫＩＮ\u3000 type")]
    [InlineData("Café", "Cafe\u0301")]
    [InlineData("VIP 1", "VIP ①")]
    [InlineData("Ελλάδα", "ΕΛΛΆΔΑ")]
    public void Names_a_person_reads_as_one_fold_alike(string one, string other) =>
        Assert.Equal(CatalogNames.Fold(one), CatalogNames.Fold(other));

    [Theory]
    [InlineData("肤质", "肤 质")]
    [InlineData("油皮", "干皮")]
    [InlineData("Skin", "Skin type")]
    public void Different_names_stay_different(string one, string other) =>
        Assert.NotEqual(CatalogNames.Fold(one), CatalogNames.Fold(other));

    [Fact]
    public void A_name_another_entry_shows_in_any_language_is_taken_and_names_it_as_that_entry_shows_it()
    {
        IReadOnlyList<IEnumerable<string>> others = [["发质"], ["肤质", "Skin type"]];

        var taken = CatalogNames.Taken([("names.ja", "skin  TYPE")], [], others);

        Assert.Equal(("names.ja", 1, "Skin type"), taken);
    }

    [Fact]
    public void A_name_the_entry_showed_already_is_not_checked_again_so_names_repeated_before_stay_until_changed()
    {
        IReadOnlyList<IEnumerable<string>> others = [["肤质"]];

        Assert.Null(CatalogNames.Taken([("names.zh-CN", "肤质"), ("names.en", "Skin")], ["肤质"], others));
        Assert.Equal(("names.zh-CN", 0, "肤质"), CatalogNames.Taken([("names.en", "Skin"), ("names.zh-CN", "肤质")], [], others));
    }
}
