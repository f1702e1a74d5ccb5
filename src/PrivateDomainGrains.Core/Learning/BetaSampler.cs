namespace PrivateDomainGrains.Core.Learning;

/// <summary>Draws from Beta(alpha, beta) as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta) (Marsaglia-Tsang).</summary>
public static class BetaSampler
{
    public static double Sample(double alpha, double beta, IRandomSource random)
    {
        var x = Gamma(alpha, random);
        var y = Gamma(beta, random);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    private static double Gamma(double shape, IRandomSource random)
    {
        if (shape < 1)
        {
            // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
            var u = random.NextDouble();
            return Gamma(shape + 1, random) * Math.Pow(u, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) return d * v;
            if (Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    private static double Normal(IRandomSource random)
    {
        // Box-Muller; 1 - U keeps the log argument in (0, 1].
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
