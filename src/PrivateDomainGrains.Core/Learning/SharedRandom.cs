namespace PrivateDomainGrains.Core.Learning;

/// <summary>Thread-safe randomness for live decisions: one source shared by every grain instead of one per customer.</summary>
public sealed class SharedRandom : IRandomSource
{
    public static readonly SharedRandom Instance = new();

    private SharedRandom() { }

    public double NextDouble() => Random.Shared.NextDouble();
}
