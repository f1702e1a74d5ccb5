namespace PrivateDomainGrains.Core.Nudges;

public static class NudgeKinds
{
    public const string Welcome = "welcome";
    public const string Reply = "reply";
    public const string CustomerLost = "customer-lost";
}
