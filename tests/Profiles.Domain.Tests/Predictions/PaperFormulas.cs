namespace Profiles.Domain.Tests.Predictions;

/// <summary>
/// The BG/NBD and Gamma-Gamma closed forms written straight from the papers, as a reference that shares nothing with the
/// production code: plain Math.Pow products instead of log-space terms, the Lanczos log-gamma instead of Stirling's
/// series, and the paper's own hypergeometric function summed term by term instead of its Euler transform continued
/// along the axis. Slow and less robust on purpose; the tests only ask it where it is accurate.
/// </summary>
internal static class PaperFormulas
{
    // Lanczos' approximation with g = 7 and nine coefficients.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double LnGamma(double z)
    {
        if (z < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LnGamma(1 - z);
        z -= 1;
        var series = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) series += Lanczos[i] / (z + i);
        var t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(series);
    }

    public static double LnBeta(double a, double b) => LnGamma(a) + LnGamma(b) - LnGamma(a + b);

    /// <summary>₂F₁ by its defining series, for z well inside the unit disc and a, b &gt; 0, c &gt; −1 (the terms keep one sign from the second on).</summary>
    public static double Hypergeometric(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < 20_000_000; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (n > a + b + Math.Abs(c) && ratio < 1 && Math.Abs(term) < 1e-18 * Math.Abs(sum)) return sum;
        }
        throw new InvalidOperationException($"₂F₁({a}, {b}; {c}; {z}) did not converge.");
    }

    /// <summary>Equation 13 of Fader, Hardie and Lee (2005).</summary>
    public static double ProbabilityAlive(double r, double alpha, double a, double b, double x, double tx, double T) =>
        x == 0 ? 1 : 1 / (1 + a / (b + x - 1) * Math.Pow((alpha + T) / (alpha + tx), r + x));

    /// <summary>Equation 10 of Fader, Hardie and Lee (2005).</summary>
    public static double ExpectedPurchases(double r, double alpha, double a, double b, double t, double x, double tx, double T)
    {
        var z = t / (alpha + T + t);
        var bracket = 1 - Math.Pow((alpha + T) / (alpha + T + t), r + x) * Hypergeometric(r + x, b + x, a + b + x - 1, z);
        return (a + b + x - 1) / (a - 1) * bracket * ProbabilityAlive(r, alpha, a, b, x, tx, T);
    }

    /// <summary>Equation 6 of Fader, Hardie and Lee (2005), with its two Beta functions B(a, b + x) and B(a + 1, b + x − 1) spelled out.</summary>
    public static double LogLikelihood(double r, double alpha, double a, double b, double x, double tx, double T)
    {
        var gamma = LnGamma(r + x) - LnGamma(r) + r * Math.Log(alpha);
        var alive = Math.Exp(LnBeta(a, b + x) - LnBeta(a, b)) * Math.Pow(alpha + T, -(r + x));
        var dead = x > 0 ? Math.Exp(LnBeta(a + 1, b + x - 1) - LnBeta(a, b)) * Math.Pow(alpha + tx, -(r + x)) : 0;
        return gamma + Math.Log(alive + dead);
    }

    /// <summary>The Gamma-Gamma density of a mean spend m over x transactions (Fader, Hardie and Lee, "RFM and CLV", 2005), in logs.</summary>
    public static double SpendLogLikelihood(double p, double q, double gamma, double x, double m) =>
        LnGamma(p * x + q) - LnGamma(p * x) - LnGamma(q) + q * Math.Log(gamma) + (p * x - 1) * Math.Log(m) + p * x * Math.Log(x) -
        (p * x + q) * Math.Log(gamma + m * x);

    /// <summary>E[M | m, x]: the population mean γp/(q − 1) and the customer's mean, weighted by q − 1 and px.</summary>
    public static double ExpectedSpend(double p, double q, double gamma, double x, double m) =>
        (q - 1) / (p * x + q - 1) * (gamma * p / (q - 1)) + p * x / (p * x + q - 1) * m;

    /// <summary>Whether <paramref name="actual"/> equals <paramref name="expected"/> to <paramref name="relative"/> (or both are below 1e-250).</summary>
    public static bool Close(double expected, double actual, double relative) =>
        Math.Abs(expected - actual) <= relative * Math.Max(Math.Abs(expected), Math.Abs(actual)) + 1e-250;
}
