using PrivateDomainGrains.LoadTest.Accounting;
using PrivateDomainGrains.LoadTest.Options;

namespace PrivateDomainGrains.LoadTest.Tests.Accounting;

public sealed class NudgeRulesTests
{
    [Fact]
    public void Contract_v1_rules()
    {
        var kinds = EventMix.EventTypes.ToDictionary(t => t, NudgeRules.KindFor);
        Assert.Equal("welcome", kinds["friend.added"]);
        Assert.Equal("reply", kinds["message.received"]);
        Assert.Equal("customer-lost", kinds["friend.deleted"]);
        Assert.Equal(3, kinds.Values.Count(k => k is not null));
    }
}
