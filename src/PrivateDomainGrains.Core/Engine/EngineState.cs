namespace PrivateDomainGrains.Core.Engine;

/// <summary>Per-customer state of the decision engine (SOP positions, contact history, learned timing). JSON names are the storage contract.</summary>
public sealed class EngineState
{
}
