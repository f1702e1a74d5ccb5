using PrivateDomainGrains.Core.Text;

namespace PrivateDomainGrains.Core.Tests.Text;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("wecom")]
    [InlineData("油皮 · 敏感肌")]
    [InlineData("A/B测试")]
    [InlineData("👩‍💻 coder")]
    [InlineData("❤️‍🔥")]
    public void Names_words_and_emoji_sequences_are_plain_text(string text) => Assert.Null(PlainText.Problem(text));

    [Theory]
    [InlineData("we\u0007com", "U+0007")]
    [InlineData("tab\there", "U+0009")]
    [InlineData("two\nlines", "U+000A")]
    [InlineData("del\u007F", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    public void Control_characters_are_refused_with_their_code_point(string text, string codePoint)
    {
        var problem = PlainText.Problem(text);
        Assert.NotNull(problem);
        Assert.Contains("control characters", problem);
        Assert.Contains(codePoint, problem);
    }

    [Theory]
    [InlineData("VIP\u200B", "U+200B")]
    [InlineData("\u202Egnp.exe", "U+202E")]
    [InlineData("soft\u00ADhyphen", "U+00AD")]
    [InlineData("\uFEFFbom", "U+FEFF")]
    [InlineData("a\u200Db", "U+200D")]
    public void Invisible_format_characters_are_refused_with_their_code_point(string text, string codePoint)
    {
        var problem = PlainText.Problem(text);
        Assert.NotNull(problem);
        Assert.Contains("format characters", problem);
        Assert.Contains(codePoint, problem);
    }

    [Fact]
    public void Multi_line_text_may_hold_line_breaks_and_tabs_but_no_other_control_or_format_character()
    {
        Assert.Null(PlainText.Problem("您好，\r\n\t欢迎！", multiline: true));
        Assert.NotNull(PlainText.Problem("您好\u0007", multiline: true));
        Assert.NotNull(PlainText.Problem("您好\u202E", multiline: true));
    }

    [Theory]
    [InlineData("we\u0007com", true)]
    [InlineData("two\nlines", true)]
    [InlineData("c1\u0085", true)]
    [InlineData("VIP\u200B", false)]
    [InlineData("油皮 · 敏感肌", false)]
    public void The_control_character_check_of_single_line_values_is_the_same_rule_without_format_characters(string text, bool control)
    {
        Assert.Equal(control, PlainText.HasControlCharacters(text));
        Assert.Equal(control, PlainText.Problem(text)?.Contains("control characters") ?? false);
    }
}
