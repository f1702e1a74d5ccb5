using PrivateDomainGrains.Core.Learning;

namespace PrivateDomainGrains.Benchmarks.Simulation;

/// <summary>
/// A small seeded random stream (SplitMix64: one 64-bit word of state, so every simulated customer can own two) with
/// the draws the simulator needs. Streams are derived from (seed, customer, purpose), so the same customer browses the
/// same way under every policy: the policies are compared on common random numbers, which removes most of the noise
/// between them.
/// </summary>
public sealed class SimRandom(ulong state) : IRandomSource
{
    private ulong _state = state;

    /// <summary>A stream for one purpose of one customer (or of the run, with <paramref name="index"/> -1).</summary>
    public static SimRandom For(int seed, long index, int purpose) =>
        new(Mix(Mix(Mix((ulong)seed) ^ (ulong)index) ^ (ulong)purpose));

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => NextDouble() < p;

    public int Below(int n) => (int)(NextDouble() * n);

    /// <summary>Exponentially distributed with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1 - NextDouble());

    /// <summary>Log-normal with the given median and log-space spread.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public double Normal()
    {
        var u1 = 1 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Index drawn with probability proportional to its weight.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights) total += w;
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    private ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
