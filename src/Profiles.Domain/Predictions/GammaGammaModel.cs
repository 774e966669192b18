using static Profiles.Domain.Predictions.SpecialFunctions;

namespace Profiles.Domain.Predictions;

/// <summary>
/// The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee, "RFM and CLV: Using Iso-Value Curves for
/// Customer Base Analysis", 2005): the likelihood of a customer's mean repeat value m over x repeat purchases, a
/// maximum-likelihood fit over repeat customers, and the expected value of a customer's future transactions.
/// </summary>
public static class GammaGammaModel
{
    /// <summary>Lower bounds of p, q and γ for the fit.</summary>
    public static IReadOnlyList<double> LowerBounds { get; } = [1e-4, 1e-4, 1e-8];

    /// <summary>Upper bounds of p, q and γ (γ is in the currency's units, so its range is wide).</summary>
    public static IReadOnlyList<double> UpperBounds { get; } = [1e4, 1e4, 1e12];

    /// <summary>The fewest repeat customers a fit is attempted with.</summary>
    public const long MinimumCustomers = 10;

    /// <summary>
    /// ln f(m | x): the density of a mean value m over x transactions, Γ(px+q)/(Γ(px)Γ(q))·γ^q·m^(px−1)·x^(px)/(γ+mx)^(px+q)
    /// (the paper's equation 3); −∞ for x = 0 or m ≤ 0, which the model does not describe.
    /// </summary>
    public static double LogLikelihood(GammaGammaParameters parameters, double x, double meanValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(x > 0) || !(meanValue > 0)) return double.NegativeInfinity;
        var (p, q, gamma) = parameters;
        var px = p * x;
        return LogGamma(px + q) - LogGamma(px) - LogGamma(q) + q * Math.Log(gamma) + (px - 1) * Math.Log(meanValue) + px * Math.Log(x) -
            (px + q) * Math.Log(gamma + meanValue * x);
    }

    /// <summary>The log-likelihood of every observation, each counted <see cref="SpendObservation.Count"/> times.</summary>
    public static double LogLikelihood(GammaGammaParameters parameters, IEnumerable<SpendObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var sum = 0.0;
        foreach (var o in observations) sum += o.Count * LogLikelihood(parameters, o.Frequency, o.MeanValue);
        return sum;
    }

    /// <summary>
    /// E[M | m, x]: the expected value of a customer's future transactions, p(γ + mx)/(px + q − 1) — the population mean
    /// and the customer's own mean weighted by q − 1 and px (the paper's equation 5). x = 0 gives the population mean.
    /// Null where the posterior mean is infinite (px + q ≤ 1).
    /// </summary>
    public static double? ExpectedAverageValue(GammaGammaParameters parameters, double x, double meanValue)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (p, q, gamma) = parameters;
        var denominator = p * x + q - 1;
        if (!(denominator > 0)) return null;
        return p * (gamma + Math.Max(0, meanValue) * x) / denominator;
    }

    /// <summary>
    /// Fits p, q and γ by maximum likelihood over <paramref name="observations"/> with x &gt; 0 and m &gt; 0 (Nelder–Mead
    /// over the logarithms of the parameters, within <see cref="LowerBounds"/> and <see cref="UpperBounds"/>). Deterministic.
    /// </summary>
    public static GammaGammaFit Fit(IReadOnlyList<SpendObservation> observations, int maxIterations = 5000)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var kept = observations.Where(o => o is { Count: > 0, Frequency: > 0, MeanValue: > 0 } && double.IsFinite(o.MeanValue)).ToArray();
        var customers = kept.Sum(o => o.Count);
        if (customers < MinimumCustomers) return new GammaGammaFit(null, 0, customers, FitStatus.InsufficientData, 0);

        var frequencies = kept.Select(o => o.Frequency).Distinct().Order().ToArray();
        var groupOf = new Dictionary<double, int>();
        for (var i = 0; i < frequencies.Length; i++) groupOf[frequencies[i]] = i;
        var frequencyCounts = new double[frequencies.Length];
        foreach (var o in kept) frequencyCounts[groupOf[o.Frequency]] += o.Count;
        var group = kept.Select(o => groupOf[o.Frequency]).ToArray();
        var counts = kept.Select(o => (double)o.Count).ToArray();
        var values = kept.Select(o => o.MeanValue).ToArray();
        var logValues = values.Select(v => Math.Log(v)).ToArray();
        var meanValue = kept.Sum(o => o.MeanValue * o.Count) / customers;

        double LogLikelihoodAt(double[] theta)
        {
            double p = Math.Exp(theta[0]), q = Math.Exp(theta[1]), gamma = Math.Exp(theta[2]);
            var sum = 0.0;
            var shared = -LogGamma(q) + q * Math.Log(gamma);
            for (var g = 0; g < frequencies.Length; g++)
            {
                var px = p * frequencies[g];
                sum += frequencyCounts[g] * (shared + LogGamma(px + q) - LogGamma(px) + px * Math.Log(frequencies[g]));
            }
            for (var i = 0; i < counts.Length; i++)
            {
                var x = frequencies[group[i]];
                sum += counts[i] * ((p * x - 1) * logValues[i] - (p * x + q) * Math.Log(gamma + values[i] * x));
            }
            return sum;
        }

        // Start from p = 1 and q = 2, with γ putting the population mean γp/(q − 1) at the observed mean.
        double[] start = [0, Math.Log(2), Math.Log(meanValue)];
        var lower = LowerBounds.Select(v => Math.Log(v)).ToArray();
        var upper = UpperBounds.Select(v => Math.Log(v)).ToArray();
        var result = NelderMead.Minimize(theta => -LogLikelihoodAt(theta) / customers, start, lower, upper, step: 0.5, maxIterations);
        if (!double.IsFinite(result.Value)) return new GammaGammaFit(null, 0, customers, FitStatus.Failed, result.Iterations);
        var point = result.Point;
        return new GammaGammaFit(new GammaGammaParameters(Math.Exp(point[0]), Math.Exp(point[1]), Math.Exp(point[2])), -result.Value * customers,
            customers, result.Converged ? FitStatus.Converged : FitStatus.IterationLimit, result.Iterations);
    }
}
