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
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466")] // a family of four: three joiners
    [InlineData("\U0001F469\U0001F3FD\u200D\U0001F4BB")] // a skin tone before the joiner
    [InlineData("\u2764\u200D\U0001F525")] // minimally qualified (no U+FE0F), as some keyboards send it
    [InlineData("\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F")] // the flag of Scotland: tag characters
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
    [InlineData("\U0001F44D\u200D", "U+200D")] // dangling after an emoji: 👍 and 👍 + U+200D would be two tags
    [InlineData("\U0001F44D\u200Da", "U+200D")]
    [InlineData("\U0001F44D\u200D\u0301", "U+200D")]
    [InlineData("\u200D\U0001F44D", "U+200D")]
    [InlineData("VIP\U000E0041", "U+E0041")] // a tag character outside a flag
    [InlineData("\U0001F44D\U000E0067\U000E007F", "U+E0067")]
    [InlineData("music\U0001D173", "U+1D173")]
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
