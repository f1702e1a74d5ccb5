using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Core.Tests.Learning;

public sealed class ObservedArmsTests
{
    [Fact]
    public void Observed_arms_name_their_action_and_segment_including_the_tenant_wide_arm()
    {
        var m = new PropensityModel();
        m.Record("sop.day-3:call", "Repeat", NudgeOutcome.Ordered);
        m.Record("sop.day-3:call", "Prospect", NudgeOutcome.Dismissed);

        var arms = m.ObservedArms().Select(a => (a.Action, a.Segment, a.Arm.Successes, a.Arm.Failures)).Order().ToList();

        Assert.Equal(
        [
            ("sop.day-3:call", "*", 1.0, 1.0),
            ("sop.day-3:call", "Prospect", 0.0, 1.0),
            ("sop.day-3:call", "Repeat", 1.0, 0.0),
        ], arms);
    }
}
