using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// Why System.Text.Json refused a request body, in the API's words: the JSON path of the value and what it must be in
/// JSON terms ("must be a number", "must be an array whose items are each a string"). The serializer's own messages name
/// .NET types ("could not be converted to System.Decimal"), which mean nothing to a client in another language; this
/// finds the expected type by walking the path through the type being read, and never names a .NET type.
/// </summary>
public static partial class JsonValueErrors
{
    /// <summary>One refused value: its JSON path (<c>$.rules[0].conditions[0].value</c>) and what is wrong with it.</summary>
    public sealed record Error(string Path, string Problem);

    /// <summary>What was wrong when <paramref name="root"/> was read with <paramref name="options"/> and threw <paramref name="ex"/>.</summary>
    public static IReadOnlyList<Error> Describe(JsonException ex, Type root, JsonSerializerOptions options)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        if (ex is Iso8601Timestamps.TimestampException) return [new(path, ex.Message)];
        if (ex.InnerException is InvalidOperationException inner && IsEncoding(inner.Message))
            return [new(path, CommonPhrases.JsonNotUnicode.Say())];
        // The reader's own errors (a missing comma, an unterminated string) name no types: they say where the text breaks.
        if (ex.InnerException is JsonException reader) return [new(path, CommonPhrases.JsonNotValid.Say(ReaderMessage(reader.Message)))];
        if (Unmapped().Match(ex.Message) is { Success: true } unmapped)
            return [new(Child(path, unmapped.Groups["name"].Value), CommonPhrases.JsonUnknownProperty.Say())];
        if (MissingRequired().Match(ex.Message) is { Success: true } missing)
            return [.. Quoted().Matches(missing.Groups["names"].Value).Select(m => new Error(Child(path, m.Groups[1].Value), CommonPhrases.Required.Say()))];
        return [new(path, TypeAt(root, path, options) is var (expected, declared) && expected is not null && Expected(expected.Type, expected, declared) is { } words
            ? CommonPhrases.JsonMustBe.Say(words) : CommonPhrases.JsonWrongType.Say())];
    }

    /// <summary>
    /// What a value of <paramref name="type"/> is in JSON (or in a query string, for the scalar types), or null when
    /// there are no plain words for it: "a string", "a whole number from 1 to 500", "true or false", in the current UI
    /// culture's language ("字符串"). A whole number's range is the one <paramref name="declared"/> (the parameter or
    /// property) gives with <see cref="RangeAttribute"/>, so a route says its own (<c>?limit=abc</c>: 1 to 500), else
    /// the type's.
    /// </summary>
    public static string? Expected(Type type, ICustomAttributeProvider? declared = null) => Expected(type, null, declared);

    private static string? Expected(Type type, JsonTypeInfo? info, ICustomAttributeProvider? declared)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string)) return CommonPhrases.JsonString.Say();
        if (t == typeof(bool)) return CommonPhrases.JsonBoolean.Say();
        if (Range(declared) is { } range && IsWhole(t))
            return CommonPhrases.JsonWhole.Say(
                Convert.ToString(range.Minimum, CultureInfo.InvariantCulture), Convert.ToString(range.Maximum, CultureInfo.InvariantCulture));
        if (t == typeof(int)) return Whole(int.MinValue, int.MaxValue);
        if (t == typeof(long)) return Whole(long.MinValue, long.MaxValue);
        if (t == typeof(short)) return Whole(short.MinValue, short.MaxValue);
        if (t == typeof(byte)) return Whole(byte.MinValue, byte.MaxValue);
        if (t == typeof(uint)) return Whole(uint.MinValue, uint.MaxValue);
        if (t == typeof(ulong)) return Whole(ulong.MinValue, ulong.MaxValue);
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return CommonPhrases.JsonNumber.Say();
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return CommonPhrases.JsonTimestamp.Say(Iso8601Timestamps.Example);
        if (t == typeof(DateOnly)) return CommonPhrases.JsonDate.Say();
        if (t == typeof(TimeSpan)) return CommonPhrases.JsonTimeSpan.Say();
        if (t == typeof(Guid)) return CommonPhrases.JsonGuid.Say();
        if (t.IsEnum) return CommonPhrases.JsonWholeNumber.Say();
        if (info is null) return null;
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => Of(CommonPhrases.JsonArray, CommonPhrases.JsonArrayOf, info.ElementType!, info.Options),
            JsonTypeInfoKind.Dictionary => Of(CommonPhrases.JsonObject, CommonPhrases.JsonObjectOf, info.ElementType!, info.Options),
            JsonTypeInfoKind.Object => CommonPhrases.JsonObject.Say(),
            _ => null,
        };
    }

    /// <summary>"an array whose items are each a string"; just "an array" when its items have no plain words.</summary>
    private static string Of(Phrase container, Phrase containerOf, Type element, JsonSerializerOptions options) =>
        Expected(element, options.GetTypeInfo(element), null) is { } words ? containerOf.Say(words) : container.Say();

    private static bool IsWhole(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong);

    private static RangeAttribute? Range(ICustomAttributeProvider? declared) =>
        declared?.GetCustomAttributes(typeof(RangeAttribute), inherit: false).OfType<RangeAttribute>().FirstOrDefault();

    private static string Whole<T>(T min, T max) where T : IFormattable =>
        CommonPhrases.JsonWhole.Say(min.ToString(null, CultureInfo.InvariantCulture), max.ToString(null, CultureInfo.InvariantCulture));

    /// <summary>
    /// The type the value at <paramref name="path"/> is read as, walking properties, items and values from
    /// <paramref name="root"/>, and the property (or its record's constructor parameter) that declares it, if the value is one.
    /// </summary>
    private static (JsonTypeInfo? Info, ICustomAttributeProvider? Declared) TypeAt(Type root, string path, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(root);
        ICustomAttributeProvider? declared = null;
        foreach (Match segment in Segment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                if (info.Kind != JsonTypeInfoKind.Enumerable) return default;
                info = options.GetTypeInfo(info.ElementType!);
                declared = null;
                continue;
            }
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            if (info.Kind == JsonTypeInfoKind.Dictionary)
            {
                info = options.GetTypeInfo(info.ElementType!);
                declared = null;
                continue;
            }
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (info.Kind != JsonTypeInfoKind.Object || info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison)) is not { } property)
                return default;
            info = options.GetTypeInfo(property.PropertyType);
            declared = Range(property.AttributeProvider) is not null ? property.AttributeProvider : property.AssociatedParameter?.AttributeProvider;
        }
        return info.Kind == JsonTypeInfoKind.None && Expected(info.Type) is null ? default : (info, declared);
    }

    /// <summary>The path of a property of the object at <paramref name="path"/>, unless the path names it already.</summary>
    private static string Child(string path, string name)
    {
        var simple = SimpleName().IsMatch(name);
        var child = simple ? "." + name : $"['{name}']";
        return path.EndsWith(child, StringComparison.Ordinal) ? path : path + child;
    }

    private static bool IsEncoding(string message) =>
        message.Contains("UTF-16", StringComparison.Ordinal) || message.Contains("surrogate", StringComparison.OrdinalIgnoreCase)
        || message.Contains("transcod", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reader's message without its position suffix (" LineNumber: 0 | BytePositionInLine: 7.").</summary>
    private static string ReaderMessage(string message)
    {
        var first = message.Split('\n')[0];
        var at = first.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? first : first[..at]).Trim();
    }

    [GeneratedRegex("""^The JSON property '(?<name>.*)' could not be mapped""", RegexOptions.Singleline)]
    private static partial Regex Unmapped();

    [GeneratedRegex("""missing required properties including: (?<names>.*?)\.( Path:|$)""", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("""'([^']*)'""")]
    private static partial Regex Quoted();

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|\\')*)'\]|\[(?<index>\d+)\]""")]
    private static partial Regex Segment();

    [GeneratedRegex("^[A-Za-z_$][A-Za-z0-9_$-]*$")]
    private static partial Regex SimpleName();
}
