using PrivateDomainGrains.Core.Tiers;

namespace PrivateDomainGrains.Core.Tests.Tiers;

public sealed class RfmScoresTests
{
    [Theory]
    [InlineData(0, null, 0, 0, 0, 0)]
    [InlineData(1, 30.0, 299, 5, 1, 1)]
    [InlineData(2, 31.0, 300, 4, 2, 2)]
    [InlineData(3, 180.0, 1000, 3, 3, 3)]
    [InlineData(5, 365.0, 3000, 2, 4, 4)]
    [InlineData(10, 366.0, 10000, 1, 5, 5)]
    [InlineData(1, 2.0, 0, 5, 1, 1)]
    public void Scores_follow_the_fixed_bands(int orders, double? daysSinceOrder, decimal value, int r, int f, int m)
    {
        Assert.Equal(new RfmScores(r, f, m), RfmScores.Of(new CustomerValue(daysSinceOrder, daysSinceOrder, orders, value, 0)));
    }
}
