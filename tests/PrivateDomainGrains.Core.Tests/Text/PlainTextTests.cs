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
}
