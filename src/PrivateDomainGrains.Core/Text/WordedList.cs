using System.Globalization;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Items listed inside a message, joined in the message's language when it is said: <c>phone, email or nickname</c> in
/// English, <c>phone、email 或 nickname</c> in Chinese. Given to <see cref="Phrase.Say"/> or <see cref="Phrase.In"/> as
/// a value, it is joined in that phrase's language (so a grain wording a row in the language of the request that started
/// its job joins the row's lists in it too); a list joined with <c>string.Join</c> before would read in English inside a
/// Chinese sentence.
/// </summary>
public sealed class WordedList
{
    private static readonly Phrase LastOr = new("{0} or {1}", "{0} 或 {1}");

    private readonly string[] _items;
    private readonly Kind _kind;

    private enum Kind { Each, Or, Clauses }

    private WordedList(IEnumerable<object?> items, Kind kind)
    {
        _items = [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")];
        _kind = kind;
    }

    /// <summary>Items named one by one: <c>a, b, c</c>, <c>a、b、c</c> (after "must be one of", "has").</summary>
    public static WordedList Each<T>(IEnumerable<T> items) => new(items.Cast<object?>(), Kind.Each);

    /// <summary>Alternatives: <c>a, b or c</c>, <c>a、b 或 c</c>.</summary>
    public static WordedList Or<T>(IEnumerable<T> items) => new(items.Cast<object?>(), Kind.Or);

    /// <summary>Whole statements, each worded already: <c>a; b</c>, <c>a；b</c>.</summary>
    public static WordedList Clauses<T>(IEnumerable<T> items) => new(items.Cast<object?>(), Kind.Clauses);

    /// <summary>The list in the current UI culture's language, for a message that is not a <see cref="Phrase"/> itself.</summary>
    public string Say() => In(CultureInfo.CurrentUICulture);

    /// <summary>The list in <paramref name="culture"/>'s language (English unless it is Chinese).</summary>
    public string In(CultureInfo culture)
    {
        var chinese = Phrase.IsChinese(culture);
        if (_kind == Kind.Clauses) return string.Join(chinese ? "；" : "; ", _items);
        var comma = chinese ? "、" : ", ";
        return _kind == Kind.Or && _items.Length > 1
            ? LastOr.In(culture, string.Join(comma, _items[..^1]), _items[^1])
            : string.Join(comma, _items);
    }

    /// <summary>The English list, for logs and debuggers.</summary>
    public override string ToString() => In(CultureInfo.InvariantCulture);
}
