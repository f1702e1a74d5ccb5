using System.Globalization;

namespace PrivateDomainGrains.LoadTest.Reports;

internal static class Units
{
    public static string Bytes(double? bytes) => bytes switch
    {
        null => "n/a",
        >= 1L << 30 => F(bytes.Value / (1L << 30), "0.00") + " GiB",
        >= 1L << 20 => F(bytes.Value / (1L << 20), "0.0") + " MiB",
        >= 1L << 10 => F(bytes.Value / (1L << 10), "0.0") + " KiB",
        _ => F(bytes.Value, "0") + " B",
    };

    public static string Seconds(double? seconds) => seconds is { } s ? F(s, "0.000") + " s" : "n/a";

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
