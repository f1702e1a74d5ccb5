namespace PrivateDomainGrains.Core.Learning;

/// <summary>Uniform randomness for exploration, injectable so decisions are reproducible in tests.</summary>
public interface IRandomSource
{
    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();
}

/// <summary>A <see cref="Random"/>-backed source; seed it for reproducible runs. Not thread safe, like a grain.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public double NextDouble() => _random.NextDouble();
}
