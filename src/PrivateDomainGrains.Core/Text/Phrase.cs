using System.Globalization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// One thing the platform says to people (a validation error, a refusal, a row's reason), in English and Chinese side
/// by side, so a message cannot be added without its translation and both are read together in review. Each is a
/// composite format (<c>{0}</c>, <c>{1:N0}</c>, formatted invariantly); <see cref="Say"/> picks the language of the
/// current UI culture: Chinese for <c>zh*</c> (the console's <c>Accept-Language: zh-CN</c>, see the host's request
/// localization), English otherwise, so integrations that ask for nothing read the English they always have.
/// Declared as static fields of the <c>*Phrases</c> classes; a test checks that both texts take the same values.
/// </summary>
public sealed partial class Phrase(string english, string chinese)
{
    /// <summary>The English text, the API's default language.</summary>
    public string English { get; } = english;

    /// <summary>The Chinese (zh-CN) text.</summary>
    public string Chinese { get; } = chinese;

    /// <summary>The text with <paramref name="values"/> in the current UI culture's language.</summary>
    public string Say(params object?[] values) => In(CultureInfo.CurrentUICulture, values);

    /// <summary>
    /// The text with <paramref name="values"/> in <paramref name="culture"/>'s language (English unless it is Chinese); a
    /// <see cref="WordedList"/> among them is joined in that language too.
    /// </summary>
    public string In(CultureInfo culture, params object?[] values)
    {
        object?[] said = [.. values.Select(v => v is WordedList list ? list.In(culture) : v)];
        return IsChinese(culture) ? Joined(Chinese, said) : string.Format(CultureInfo.InvariantCulture, English, said);
    }

    /// <summary>
    /// The Chinese text with its values, where a space beside a value is kept only when Latin letters or digits meet
    /// Chinese there (<c>须为 1-5 的整数</c>, <c>须为 true 或 false</c>) and dropped where Chinese meets Chinese (<c>须为字符串</c>,
    /// <c>油皮、干皮或混合</c>): Chinese joins its words without spaces. The values themselves are never changed.
    /// </summary>
    private static string Joined(string format, object?[] values)
    {
        var text = new System.Text.StringBuilder();
        var last = 0;
        var afterValue = false;
        foreach (System.Text.RegularExpressions.Match m in Placeholder().Matches(format))
        {
            Literal(format[last..m.Index]);
            last = m.Index + m.Length;
            if (m.Value is "{{" or "}}")
            {
                text.Append(m.Value[0]);
                afterValue = false;
                continue;
            }
            var value = string.Format(CultureInfo.InvariantCulture, "{0" + m.Groups["rest"].Value + "}", values[int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)]);
            if (value.Length > 0 && IsHan(value[0]) && text.Length >= 2 && text[^1] == ' ' && IsHan(text[^2])) text.Length--;
            text.Append(value);
            afterValue = value.Length > 0;
        }
        Literal(format[last..]);
        return text.ToString();

        void Literal(string literal)
        {
            if (afterValue && literal.Length >= 2 && literal[0] == ' ' && IsHan(literal[1]) && text.Length > 0 && IsHan(text[^1])) literal = literal[1..];
            text.Append(literal);
            afterValue = false;
        }
    }

    /// <summary>A Chinese character (CJK ideographs and their extension A, compatibility ideographs).</summary>
    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\{|\}\}|\{(?<index>\d+)(?<rest>[^}]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>Whether <paramref name="culture"/> reads Chinese (zh, zh-CN, zh-Hans...).</summary>
    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    /// <summary>The English text, for logs and debuggers.</summary>
    public override string ToString() => English;
}
