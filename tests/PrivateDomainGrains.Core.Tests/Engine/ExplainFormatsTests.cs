using System.Globalization;
using PrivateDomainGrains.Core.Engine;

namespace PrivateDomainGrains.Core.Tests.Engine;

public sealed class ExplainFormatsTests
{
    /// <summary>Ties the 15-digit rounding decides (4.6385 is 4.63849999... in binary), carries, the edges of the fast path.</summary>
    [Theory]
    [InlineData(4.6385)]
    [InlineData(2.675)]
    [InlineData(1.0005)]
    [InlineData(0.0005)]
    [InlineData(0.0004999)]
    [InlineData(9999.9995)]
    [InlineData(9999.9996)]
    [InlineData(10_000)]
    [InlineData(0.1 + 0.2)]
    [InlineData(1.5)]
    [InlineData(0)]
    [InlineData(-0.0)]
    [InlineData(-1.25)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_number_reads_as_the_general_formatter_writes_it(double value) =>
        Assert.Equal(value.ToString("0.###"), ExplainFormats.Format(value));

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void Random_scores_read_as_the_general_formatter_writes_them_in_any_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var random = new Random(3);
            for (var i = 0; i < 100_000; i++)
            {
                var value = random.NextDouble() * Math.Pow(10, random.Next(-4, 5));
                Assert.Equal(value.ToString("0.###"), ExplainFormats.Format(value));
                var thousandths = Math.Round(value, 3) + (random.Next(3) - 1) * 5e-4;
                Assert.Equal(thousandths.ToString("0.###"), ExplainFormats.Format(thousandths));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
