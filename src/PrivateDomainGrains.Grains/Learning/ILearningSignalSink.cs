using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Grains.Learning;

/// <summary>Collects learning signals from customer grains and forwards them to their tenant's propensity model.</summary>
public interface ILearningSignalSink
{
    void Post(string tenant, IReadOnlyList<LearningSignal> signals);
}
