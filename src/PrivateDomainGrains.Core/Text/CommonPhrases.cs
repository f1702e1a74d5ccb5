namespace PrivateDomainGrains.Core.Text;

/// <summary>
/// What many checks say about a value, whatever it belongs to (ids, tags, durations, text that cannot be stored, ranges),
/// after the field's name or under its JSON path. See <see cref="Phrase"/>.
/// </summary>
public static class CommonPhrases
{
    public static readonly Phrase IdRule = new(
        "must be 1-128 characters of letters, digits and -_.:@",
        "须为 1-128 个字符，只用字母、数字和 -_.:@");

    public static readonly Phrase IdField = new(
        "'{0}' must be 1-128 characters of letters, digits and -_.:@",
        "'{0}' 须为 1-128 个字符，只用字母、数字和 -_.:@");

    public static readonly Phrase TagRule = new(
        "must be 1-64 characters of valid text without control or invisible format characters",
        "须为 1-64 个字符的有效文本，不含控制字符或不可见的格式字符");

    public static readonly Phrase Duration = new(
        "must be a duration like 5m, 2h, 3d or 1w, at most 3650d",
        "须为时长，如 5m、2h、3d 或 1w，最长 3650d");

    public static readonly Phrase PositiveDuration = new(
        "must be a positive duration like 5m, 2h, 3d or 1w, at most 3650d",
        "须为大于零的时长，如 5m、2h、3d 或 1w，最长 3650d");

    public static readonly Phrase ControlCharacter = new(
        "must not hold control characters (U+{0:X4} at position {1})",
        "不能含控制字符（第 {1} 位的 U+{0:X4}）");

    public static readonly Phrase FormatCharacter = new(
        "must not hold invisible format characters (U+{0:X4} at position {1})",
        "不能含不可见的格式字符（第 {1} 位的 U+{0:X4}）");

    public static readonly Phrase Nul = new(
        "contains U+0000 (NUL), which cannot be stored",
        "含有无法存储的 U+0000（NUL）");

    public static readonly Phrase UnpairedSurrogate = new(
        "contains an unpaired surrogate (U+{0:X4}) at position {1}: not valid Unicode",
        "第 {1} 位含不成对的代理项（U+{0:X4}），不是有效的 Unicode");

    public static readonly Phrase NotNull = new("must not be null", "不能为 null");

    public static readonly Phrase NotAnObject = new("must be an object", "须为对象");

    public static readonly Phrase Required = new("is required", "必填");

    public static readonly Phrase Between = new("must be {0}-{1}", "须为 {0}-{1}");

    public static readonly Phrase EitherOf = new("must be '{0}' or '{1}'", "须为 '{0}' 或 '{1}'");

    public static readonly Phrase OneOf = new("must be one of {0}", "须为以下之一：{0}");

    public static readonly Phrase AtMostCharacters = new("must be at most {0} characters", "最多 {0} 个字符");

    public static readonly Phrase AtMostFields = new("may hold at most {0} fields", "最多 {0} 个字段");

    public static readonly Phrase MinOrMax = new("give min, max or both", "请给出 min、max 或两者");

    public static readonly Phrase Currency = new("must be a 3-letter upper-case ISO 4217 code", "须为 3 个大写字母的 ISO 4217 币种代码");

    public static readonly Phrase MaxBelowMin = new("must not be less than min", "不能小于 min");

    // Why a JSON body could not be read (JsonValueErrors)
    public static readonly Phrase JsonNotUnicode = new(
        "is not valid Unicode text (invalid UTF-8 bytes or an unpaired surrogate)",
        "不是有效的 Unicode 文本（含无效的 UTF-8 字节或不成对的代理项）");
    public static readonly Phrase JsonNotValid = new("is not valid JSON: {0}", "不是有效的 JSON：{0}");
    public static readonly Phrase JsonUnknownProperty = new("is not a known property (check its spelling)", "不是已知的属性（请检查拼写）");
    public static readonly Phrase JsonMustBe = new("must be {0}", "须为 {0}");
    public static readonly Phrase JsonWrongType = new("has the wrong JSON type", "JSON 类型不对");

    // What a value must be, in JSON's words (JsonValueErrors.Expected), after JsonMustBe and in a parameter's error
    public static readonly Phrase JsonString = new("a string", "字符串");
    public static readonly Phrase JsonBoolean = new("true or false", "true 或 false");
    public static readonly Phrase JsonWhole = new("a whole number from {0} to {1}", "{0} 到 {1} 的整数");
    public static readonly Phrase JsonNumber = new("a number", "数字");
    public static readonly Phrase JsonTimestamp = new("an ISO 8601 timestamp with a UTC offset, e.g. {0}", "带 UTC 偏移的 ISO 8601 时间，如 {0}");
    public static readonly Phrase JsonDate = new("a date as yyyy-MM-dd", "yyyy-MM-dd 格式的日期");
    public static readonly Phrase JsonTimeSpan = new("a duration as hh:mm:ss", "hh:mm:ss 格式的时长");
    public static readonly Phrase JsonGuid = new("a GUID", "GUID 格式的字符串");
    public static readonly Phrase JsonWholeNumber = new("a whole number", "整数");
    public static readonly Phrase JsonObject = new("an object", "对象");
    public static readonly Phrase JsonArray = new("an array", "数组");
    public static readonly Phrase JsonArrayOf = new("an array whose items are each {0}", "数组，其各项均为{0}");
    public static readonly Phrase JsonObjectOf = new("an object whose values are each {0}", "对象，其各值均为{0}");

    // Timestamps (Iso8601Timestamps): every route's and every event's
    public static readonly Phrase TimestampString = new("must be an ISO 8601 timestamp string, e.g. {0}", "须为 ISO 8601 时间字符串，如 {0}");
    public static readonly Phrase TimestampForm = new("must be an ISO 8601 timestamp with a UTC offset, e.g. {0}", "须为带 UTC 偏移的 ISO 8601 时间，如 {0}");
    public static readonly Phrase TimestampNoOffset = new(
        "has no UTC offset: say which time zone, e.g. {0} or {1}Z", "没有 UTC 偏移：请写明时区，如 {0} 或 {1}Z");
}
