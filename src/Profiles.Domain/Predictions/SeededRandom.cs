namespace Profiles.Domain.Predictions;

/// <summary>
/// A small random generator whose sequence is fixed by its seed on every runtime (SplitMix64, Steele, Lea and Flood
/// 2014), unlike <see cref="Random"/>, whose algorithm is unspecified. Used for k-means++ seeding, silhouette sampling
/// and simulated populations; not for anything secret.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;
    private double? _spareNormal;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in (0, 1), never 0, for logarithms.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public long NextInt64(long bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        // Rejection keeps every value equally likely.
        var limit = ulong.MaxValue - ulong.MaxValue % (ulong)bound;
        ulong value;
        do value = NextUInt64();
        while (value >= limit);
        return (long)(value % (ulong)bound);
    }

    /// <summary>A standard normal variate (Box–Muller, the second of each pair kept for the next call).</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }
        var radius = Math.Sqrt(-2 * Math.Log(NextOpenDouble()));
        var angle = 2 * Math.PI * NextDouble();
        _spareNormal = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }

    /// <summary>An exponential variate of rate <paramref name="rate"/>.</summary>
    public double NextExponential(double rate) => -Math.Log(NextOpenDouble()) / rate;

    /// <summary>A Gamma variate of shape <paramref name="shape"/> and rate <paramref name="rate"/> (Marsaglia and Tsang 2000).</summary>
    public double NextGamma(double shape, double rate)
    {
        if (!(shape > 0) || !(rate > 0)) throw new ArgumentOutOfRangeException(nameof(shape), "A Gamma distribution needs a positive shape and rate.");
        if (shape < 1)
        {
            // Γ(k) = Γ(k + 1)·U^(1/k), in logs so that a tiny shape does not underflow the power before the product.
            var boosted = NextGamma(shape + 1, 1);
            return Math.Exp(Math.Log(boosted) + Math.Log(NextOpenDouble()) / shape) / rate;
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            var x = NextNormal();
            var v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            var u = NextOpenDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v))) return d * v / rate;
        }
    }

    /// <summary>A Beta(<paramref name="a"/>, <paramref name="b"/>) variate, as a ratio of Gamma variates.</summary>
    public double NextBeta(double a, double b)
    {
        var x = NextGamma(a, 1);
        var y = NextGamma(b, 1);
        return x + y > 0 ? x / (x + y) : NextDouble() < a / (a + b) ? 1 : 0;
    }
}
