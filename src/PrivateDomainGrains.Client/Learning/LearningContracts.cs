namespace PrivateDomainGrains.Client;

/// <summary>One action in one segment (<c>*</c>: all customers): outcomes seen and the success rate decisions assume.</summary>
public sealed record ArmView(string Action, string Segment, double Successes, double Failures, double PosteriorMean);

public sealed record LearningView(long Version, IReadOnlyList<ArmView> Arms);
