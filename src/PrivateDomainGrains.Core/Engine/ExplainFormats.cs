namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Formatted numbers and times for one explanation. A decision can weigh a hundred candidates that share their value,
/// lever, context and hold time, and formatting a double is the dearest part of an explanation: do each once.
/// Text is exactly what formatting in place gives (same format strings, current culture).
/// </summary>
internal sealed class ExplainFormats
{
    /// <summary>By bit pattern, not by value: 0 and -0 are equal but format differently.</summary>
    private readonly Dictionary<long, string> _numbers = [];
    /// <summary>By UTC ticks: the "u" format writes the UTC time.</summary>
    private readonly Dictionary<long, string> _times = [];

    public static string Number(ExplainFormats? formats, double value)
    {
        if (formats is null) return Format(value);
        var key = BitConverter.DoubleToInt64Bits(value);
        if (!formats._numbers.TryGetValue(key, out var text)) formats._numbers[key] = text = Format(value);
        return text;
    }

    public static string Time(ExplainFormats? formats, DateTimeOffset? at)
    {
        if (at is not { } t) return "";
        if (formats is null) return Format(t);
        if (!formats._times.TryGetValue(t.UtcTicks, out var text)) formats._times[t.UtcTicks] = text = Format(t);
        return text;
    }

    private static string Format(double value) => $"{value:0.###}";

    private static string Format(DateTimeOffset at) => $"{at:u}";
}
