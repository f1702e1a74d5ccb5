using System.Globalization;
using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Tests.Text;

/// <summary>How a phrase joins its values in Chinese: no space where Chinese meets Chinese, one where it meets Latin or digits.</summary>
public sealed class PhraseTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    [Theory]
    [InlineData("字符串", "须为字符串")]
    [InlineData("带 UTC 偏移的 ISO 8601 时间", "须为带 UTC 偏移的 ISO 8601 时间")]
    [InlineData("1 到 5 的整数", "须为 1 到 5 的整数")]
    [InlineData("true 或 false", "须为 true 或 false")]
    public void A_value_joins_Chinese_text_without_a_space_and_Latin_or_digits_with_one(string value, string said) =>
        Assert.Equal(said, CommonPhrases.JsonMustBe.In(Chinese, value));

    [Fact]
    public void Chinese_alternatives_are_joined_without_spaces_and_a_value_keeps_its_own()
    {
        Assert.Equal("油皮、干皮或混合", WordedList.Or(["油皮", "干皮", "混合"]).In(Chinese));
        Assert.Equal("phone、email 或 nickname", WordedList.Or(["phone", "email", "nickname"]).In(Chinese));
        Assert.Equal("须为上海 浦东", new Phrase("must be {0}", "须为 {0}").In(Chinese, "上海 浦东"));
        Assert.Equal("must be a string", CommonPhrases.JsonMustBe.In(CultureInfo.InvariantCulture, "a string"));
        Assert.Equal("{须为} 1,000", new Phrase("{{x}} {0:N0}", "{{须为}} {0:N0}").In(Chinese, 1000));
    }
}
