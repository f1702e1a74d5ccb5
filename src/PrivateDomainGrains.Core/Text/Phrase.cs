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
public sealed class Phrase(string english, string chinese)
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
    public string In(CultureInfo culture, params object?[] values) =>
        string.Format(CultureInfo.InvariantCulture, IsChinese(culture) ? Chinese : English,
            [.. values.Select(v => v is WordedList list ? list.In(culture) : v)]);

    /// <summary>Whether <paramref name="culture"/> reads Chinese (zh, zh-CN, zh-Hans...).</summary>
    public static bool IsChinese(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh";

    /// <summary>The English text, for logs and debuggers.</summary>
    public override string ToString() => English;
}
