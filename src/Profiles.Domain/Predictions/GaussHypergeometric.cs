namespace Profiles.Domain.Predictions;

/// <summary>
/// Gauss's hypergeometric function ₂F₁(a, b; c; z) for real parameters and 0 ≤ z &lt; 1, in the form the BG/NBD
/// expectation needs: the tail W(z) = c·(₂F₁ − 1)/b = Σₙ₌₁ a(a+1)ₙ₋₁(b+1)ₙ₋₁ / ((c+1)ₙ₋₁ n!) zⁿ, which stays defined
/// at b = 0 and c = 0 (where the expectation's own factors cancel the division).
/// </summary>
/// <remarks>
/// Up to z = ½ the power series is summed directly, rescaled by powers of two so that huge terms cannot overflow, and
/// stopped by a proven bound on the rest of the series; past ½ it is still tried first, with a small budget, as it
/// converges fast where c is far above a + b. Otherwise, closer to 1, the series converges ever more slowly, and the
/// usual remedy, the linear transformation to 1 − z, divides by Γ(c − a − b) terms that blow up when c − a − b is an
/// integer (for the BG/NBD expectation: whenever a − r is one), so it is not used. Instead the function is continued
/// along the real axis: the hypergeometric equation z(1 − z)W″ + (c − (a + b + 1)z)W′ − abW = ac gives W's Taylor
/// coefficients at any point from its value and slope there, and each hop goes at most half way to the singularity at 1
/// (less for large parameters), where those coefficients shrink at least like 2⁻ⁿ. The distance to 1 is passed in
/// exactly, so z = 1 − 10⁻¹² is as good as z = ½.
/// </remarks>
internal static class GaussHypergeometric
{
    private const double Epsilon = 1e-17;
    private const double SeriesUpTo = 0.5;
    private const int MaxTerms = 2_000_000;
    private const int SeriesBudgetPastHalf = 4096;
    private const int MaxTaylorTerms = 10_000;

    // Terms are rescaled by an exact power of two once they pass 2^±900.
    private const int RescaleExponent = 900;
    private static readonly double LogRescale = RescaleExponent * Math.Log(2);

    /// <summary>₂F₁(a, b; c; z) as a plain double (for c not 0 or a negative integer); may be ±∞ where it is astronomically large.</summary>
    public static double Evaluate(double a, double b, double c, double z) => Evaluate(a, b, c, z, 1 - z);

    /// <summary>₂F₁(a, b; c; z) with the distance to 1 given exactly by <paramref name="oneMinusZ"/>.</summary>
    public static double Evaluate(double a, double b, double c, double z, double oneMinusZ)
    {
        var tail = Tail(a, b, c, z, oneMinusZ);
        return 1 + b / c * tail.Value;
    }

    /// <summary>W(z) = c·(₂F₁(a, b; c; z) − 1)/b for 0 ≤ z &lt; 1, where <paramref name="oneMinusZ"/> is 1 − z computed without cancellation.</summary>
    public static ScaledNumber Tail(double a, double b, double c, double z, double oneMinusZ)
    {
        if (!(z >= 0) || !(oneMinusZ > 0)) throw new ArgumentOutOfRangeException(nameof(z), z, "The hypergeometric tail needs 0 ≤ z < 1.");
        // Past ½ the series is still the cheapest way wherever it converges quickly (c far above a + b, as for a customer
        // with many purchases); the continuation is for the rest.
        var (sum, _, scale, converged) = Series(a, b, c, z, z <= SeriesUpTo ? MaxTerms : SeriesBudgetPastHalf);
        if (converged || z <= SeriesUpTo) return new ScaledNumber(sum, scale);

        var (value, slope, logScale, _) = Series(a, b, c, SeriesUpTo, MaxTerms);
        var distance = 1 - SeriesUpTo;
        // How far to hop: half way to 1, less when a large exponent at 1 makes the coefficients grow before they shrink.
        var ratio = 0.5 / Math.Max(1, Math.Abs(c - a - b) / 8);
        // And no further than a few times z/(largest exponent at 0 or ∞): rounding errors excite the equation's other
        // solutions, whose Taylor coefficients at z grow like (p)ₙ/(n! zⁿ) for an exponent p, so over a step h they are
        // amplified by about e^(|p|·h/z).
        var stiffness = Math.Max(1, Math.Max(Math.Abs(1 - c), Math.Max(Math.Abs(a), Math.Abs(b))));
        while (distance > oneMinusZ)
        {
            var next = Math.Max(oneMinusZ, Math.Max(distance * (1 - ratio), distance - 2 * (1 - distance) / stiffness));
            (value, slope) = Hop(a, b, c, distance, distance - next, value, slope, a * c * Math.Exp(-logScale));
            distance = next;
            Rescale(ref value, ref slope, ref logScale);
        }
        return new ScaledNumber(value, logScale);
    }

    /// <summary>
    /// W and W′ at <paramref name="z"/> by the power series, both times e^−LogScale, and whether the rest fell below the
    /// precision within <paramref name="budget"/> terms.
    /// </summary>
    private static (double Value, double Slope, double LogScale, bool Converged) Series(double a, double b, double c, double z, int budget)
    {
        if (z == 0) return (0, a, 0, true);
        var term = a * z;
        var sum = term;
        var weighted = term; // Σ n·termₙ, which is z·W′
        var logScale = 0.0;
        for (var n = 1; n < budget; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            weighted += (n + 1) * term;
            if (Math.Abs(sum) > 1e250 || Math.Abs(term) > 1e250)
            {
                term = Math.ScaleB(term, -RescaleExponent);
                sum = Math.ScaleB(sum, -RescaleExponent);
                weighted = Math.ScaleB(weighted, -RescaleExponent);
                logScale += LogRescale;
            }
            // The ratio is z·f(n) with f(k) = 1 + (uk + v)/((c + k)(k + 1)), u = a + b − c − 1, v = ab − c. Once every factor
            // is positive, f(k) ≤ 1 + (|u| + |v|/n)/(c + n) for all k ≥ n, so every later ratio is at most ρ below and the
            // rest of the series (and of its n-weighted copy) is below a geometric series of ratio ρ.
            if (n > Math.Max(-a, Math.Max(-b, -c)) + 1)
            {
                var rho = z * (1 + (Math.Abs(a + b - c - 1) + Math.Abs(a * b - c) / n) / (c + n));
                if (rho < 1)
                {
                    var rest = Math.Abs(term) * rho / (1 - rho);
                    var weightedRest = Math.Abs(term) * (n + 2) * rho / ((1 - rho) * (1 - rho));
                    if (rest <= Epsilon * Math.Abs(sum) && weightedRest <= Epsilon * Math.Abs(weighted)) return (sum, weighted / z, logScale, true);
                }
            }
        }
        return (sum, weighted / z, logScale, false);
    }

    /// <summary>
    /// W and W′ at 1 − <paramref name="distance"/> + <paramref name="step"/> from their values at 1 − <paramref name="distance"/>,
    /// by the Taylor series the hypergeometric equation (with right-hand side <paramref name="forcing"/>) generates there.
    /// </summary>
    private static (double Value, double Slope) Hop(double a, double b, double c, double distance, double step, double value, double slope, double forcing)
    {
        var z0 = 1 - distance;
        // z(1 − z) = p0 + p1·w − w², c − (a + b + 1)z = q0 + q1·w, with w = z − z0.
        var p0 = z0 * distance;
        var p1 = 2 * distance - 1;
        var q1 = -(a + b + 1);
        var q0 = c + q1 * z0;
        var r = -a * b;
        var h2 = step * step;

        // eₙ = (the n-th Taylor coefficient)·stepⁿ: the terms of the series at the end of the step.
        var previous = value;
        var current = slope * step;
        var sum = previous + current;
        var weighted = current; // Σ n·eₙ = step·W′(end)
        var settled = 0;
        for (var n = 0; n < MaxTaylorTerms; n++)
        {
            var next = ((n == 0 ? forcing * h2 : 0) - (p1 * n + q0) * (n + 1) * step * current - (-n * (n - 1.0) + q1 * n + r) * h2 * previous) /
                (p0 * (n + 2) * (n + 1));
            sum += next;
            weighted += (n + 2) * next;
            settled = Math.Abs(next) <= Epsilon * Math.Abs(sum) && (n + 2) * Math.Abs(next) <= Epsilon * Math.Abs(weighted) ? settled + 1 : 0;
            if (settled >= 3 && n >= 4) break;
            previous = current;
            current = next;
        }
        return (sum, weighted / step);
    }

    private static void Rescale(ref double value, ref double slope, ref double logScale)
    {
        var magnitude = Math.Max(Math.Abs(value), Math.Abs(slope));
        if (magnitude == 0 || magnitude is > 1e-200 and < 1e200 || !double.IsFinite(magnitude)) return;
        var exponent = Math.ILogB(magnitude);
        value = Math.ScaleB(value, -exponent);
        slope = Math.ScaleB(slope, -exponent);
        logScale += exponent * Math.Log(2);
    }
}
