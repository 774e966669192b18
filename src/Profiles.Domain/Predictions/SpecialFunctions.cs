namespace Profiles.Domain.Predictions;

/// <summary>
/// The few special functions the models need, written here because <see cref="Math"/> has no log-gamma and .NET's
/// <c>double.ExpM1</c> and <c>double.LogP1</c> are computed as <c>Exp(x) − 1</c> and <c>Log(1 + x)</c>, which lose every
/// digit for small x.
/// </summary>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;

    // Below this the argument is shifted up by the recurrence Γ(x + 1) = xΓ(x): Stirling's series with the terms kept
    // below is then accurate to about 1e-19.
    private const double StirlingFrom = 15;

    /// <summary>ln Γ(x) for x &gt; 0 (NaN otherwise).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) return double.NaN;
        if (double.IsPositiveInfinity(x)) return double.PositiveInfinity;
        var shift = 1.0;
        while (x < StirlingFrom)
        {
            shift *= x;
            x += 1;
        }
        var inverse = 1 / x;
        var inverseSquared = inverse * inverse;
        // Bernoulli terms B(2k) / (2k(2k − 1) x^(2k − 1)), k = 1..7, in Horner form.
        var series = inverse * (1.0 / 12 + inverseSquared * (-1.0 / 360 + inverseSquared * (1.0 / 1260 + inverseSquared *
            (-1.0 / 1680 + inverseSquared * (1.0 / 1188 + inverseSquared * (-691.0 / 360360 + inverseSquared * (1.0 / 156)))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series - Math.Log(shift);
    }

    /// <summary>ln(1 + x), accurate for small x (Kahan's correction of the rounded 1 + x).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        if (u == 1) return x;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x.</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) < 1e-5) return x * (1 + x * (0.5 + x / 6));
        if (x > 700) return Math.Exp(x);
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        if (um1 == -1) return -1;
        return um1 * x / Math.Log(u);
    }

    /// <summary>(eᵉˣ − 1) / e with e = <paramref name="exponent"/> and x = <paramref name="x"/>, continuous at e = 0 (where it is x).</summary>
    public static double ExpM1Over(double exponent, double x) =>
        exponent == 0 ? x : ExpM1(exponent * x) / exponent;

    /// <summary>ln(eᵃ + eᵇ) without overflow.</summary>
    public static double LogAddExp(double a, double b)
    {
        if (double.IsNegativeInfinity(a)) return b;
        if (double.IsNegativeInfinity(b)) return a;
        return a > b ? a + Log1P(Math.Exp(b - a)) : b + Log1P(Math.Exp(a - b));
    }

    /// <summary>1 / (1 + eˣ) without overflow.</summary>
    public static double InverseOnePlusExp(double x) =>
        x > 0 ? Math.Exp(-x) / (1 + Math.Exp(-x)) : 1 / (1 + Math.Exp(x));
}
