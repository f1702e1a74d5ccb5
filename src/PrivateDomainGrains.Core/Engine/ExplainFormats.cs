using System.Runtime.CompilerServices;

namespace PrivateDomainGrains.Core.Engine;

/// <summary>
/// Formatted numbers and times for one explanation. A decision can weigh a hundred candidates that share their value,
/// lever, context and hold time, and formatting a double is the dearest part of an explanation: do each once.
/// Text is exactly what formatting in place gives (same format strings, current culture).
/// </summary>
internal sealed class ExplainFormats
{
    [ThreadStatic] private static ExplainFormats? t_reused;

    private ExplainFormats()
    {
    }

    /// <summary>
    /// This thread's formats, emptied: one explanation is written at a time (explaining calls nothing that explains),
    /// and the next-best-action of many decisions is explained; its memos were a fifth of an explanation's bytes.
    /// </summary>
    public static ExplainFormats ForOneExplanation()
    {
        var formats = t_reused ??= new ExplainFormats();
        formats._numbers.Clear();
        formats._times.Clear();
        return formats;
    }

    /// <summary>Numbers by bit pattern, not by value: 0 and -0 are equal but format differently.</summary>
    private readonly Memo _numbers = new();
    /// <summary>Times by UTC ticks: the "u" format writes the UTC time.</summary>
    private readonly Memo _times = new();

    public static void AppendNumber(ref DefaultInterpolatedStringHandler text, ExplainFormats? formats, double value)
    {
        if (formats is null)
        {
            AppendNumber(ref text, value);
            return;
        }
        var key = BitConverter.DoubleToInt64Bits(value);
        if (!formats._numbers.TryGet(key, out var formatted)) formats._numbers.Add(key, formatted = Format(value));
        text.AppendLiteral(formatted);
    }

    /// <summary><paramref name="value"/> as "0.###" formats it in the current culture.</summary>
    internal static string Format(double value)
    {
        var text = new DefaultInterpolatedStringHandler(0, 0);
        AppendNumber(ref text, value);
        return text.ToStringAndClear();
    }

    /// <summary>
    /// "0.###" without the general formatter for the usual score (positive, below 10,000), as it reads: the general one
    /// works out 15 significant digits and rounds those to thousandths, which is the nearest thousandth unless the
    /// value is within a hair of a tie. Ties, and anything else, take the general formatter.
    /// </summary>
    private static void AppendNumber(ref DefaultInterpolatedStringHandler text, double value)
    {
        var scaled = value * 1000;
        var whole = Math.Floor(scaled);
        var fraction = scaled - whole;
        if (!(value >= 0.0005 && value < 10_000) || Math.Abs(fraction - 0.5) < 1e-6)
        {
            text.AppendFormatted(value, "0.###");
            return;
        }
        var thousandths = (int)whole + (fraction > 0.5 ? 1 : 0);
        text.AppendFormatted(thousandths / 1000);
        var decimals = thousandths % 1000;
        if (decimals == 0) return;
        text.AppendLiteral(System.Globalization.NumberFormatInfo.CurrentInfo.NumberDecimalSeparator);
        Span<char> digits = [(char)('0' + decimals / 100), (char)('0' + decimals / 10 % 10), (char)('0' + decimals % 10)];
        text.AppendFormatted(digits.TrimEnd('0'));
    }

    public static void AppendTime(ref DefaultInterpolatedStringHandler text, ExplainFormats? formats, DateTimeOffset? at)
    {
        if (at is not { } t) return;
        if (formats is null)
        {
            text.AppendFormatted(t, "u");
            return;
        }
        if (!formats._times.TryGet(t.UtcTicks, out var formatted)) formats._times.Add(t.UtcTicks, formatted = t.ToString("u"));
        text.AppendLiteral(formatted);
    }

    /// <summary>A few values at most repeat (a playbook's handful of values and levers): a short list, not a table.</summary>
    private sealed class Memo
    {
        private const int Capacity = 8;
        private readonly long[] _keys = new long[Capacity];
        private readonly string[] _texts = new string[Capacity];
        private int _count;

        public bool TryGet(long key, out string text)
        {
            for (var i = 0; i < _count; i++)
            {
                if (_keys[i] != key) continue;
                text = _texts[i];
                return true;
            }
            text = "";
            return false;
        }

        public void Clear() => _count = 0;

        /// <summary>Once full, later values are simply formatted each time.</summary>
        public void Add(long key, string text)
        {
            if (_count == Capacity) return;
            _keys[_count] = key;
            _texts[_count++] = text;
        }
    }
}
