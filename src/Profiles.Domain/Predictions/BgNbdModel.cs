using static Profiles.Domain.Predictions.SpecialFunctions;

namespace Profiles.Domain.Predictions;

/// <summary>
/// The BG/NBD buy-till-you-die model (Fader, Hardie and Lee, "Counting Your Customers the Easy Way", 2005): its
/// log-likelihood, a maximum-likelihood fit over a weighted population summary, and the per-customer closed forms,
/// P(alive) and the expected number of purchases in the next t. Every quantity is in the fit's time unit.
/// </summary>
public static class BgNbdModel
{
    /// <summary>Lower bounds of r, α, a and b for the fit; an optimum on a bound is reported as it is.</summary>
    public static IReadOnlyList<double> LowerBounds { get; } = [1e-4, 1e-4, 1e-4, 1e-4];

    /// <summary>
    /// Upper bounds of r, α, a and b. a and b run to infinity together when the data show no spread in the dropout
    /// probability; capping them keeps the expectation's series short.
    /// </summary>
    public static IReadOnlyList<double> UpperBounds { get; } = [1e4, 1e7, 1e4, 1e4];

    /// <summary>The fewest customers a fit is attempted with; fewer give <see cref="FitStatus.InsufficientData"/>.</summary>
    public const long MinimumCustomers = 10;

    // Below this the Euler-transformed series alternates too wildly (see ExpectedPurchases).
    private const double EulerFormFrom = -5;

    /// <summary>The log-likelihood of one customer with x repeat purchases, the last at t_x, observed for T (the paper's equation 6).</summary>
    public static double LogLikelihood(BgNbdParameters parameters, double x, double recency, double age)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (r, alpha, a, b) = parameters;
        return LogGamma(r + x) - LogGamma(r) + r * Math.Log(alpha) +
            LogGamma(a + b) + LogGamma(b + x) - LogGamma(b) - LogGamma(a + b + x) +
            Purchases(r + x, x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : null, Math.Log(alpha + age), Math.Log(alpha + recency));
    }

    /// <summary>The log-likelihood of every observation, each counted <see cref="BtydObservation.Count"/> times.</summary>
    public static double LogLikelihood(BgNbdParameters parameters, IEnumerable<BtydObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var sum = 0.0;
        foreach (var o in observations) sum += o.Count * LogLikelihood(parameters, o.Frequency, o.Recency, o.Age);
        return sum;
    }

    /// <summary>
    /// The probability that a customer with x repeat purchases, the last at t_x, observed for T, is still alive (the paper's
    /// equation 13); 1 for a customer who never bought again, whom the model cannot have seen drop out.
    /// </summary>
    public static double ProbabilityAlive(BgNbdParameters parameters, double x, double recency, double age)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(x > 0)) return 1;
        var (r, alpha, a, b) = parameters;
        // ln of a/(b + x − 1)·((α + T)/(α + t_x))^(r + x), the odds of having dropped out after the last purchase.
        var logOdds = Math.Log(a) - Math.Log(b + x - 1) + (r + x) * Log1P((age - recency) / (alpha + recency));
        return InverseOnePlusExp(logOdds);
    }

    /// <summary>
    /// The age T at which <see cref="ProbabilityAlive"/> of a customer with x repeat purchases, the last at t_x, equals
    /// <paramref name="probability"/>; it is below it at every later T, since P(alive) falls as T grows. Null for x = 0,
    /// whose P(alive) stays 1, and for a probability outside (0, 1). A result below t_x means it is below already.
    /// </summary>
    public static double? AgeAtProbabilityAlive(BgNbdParameters parameters, double x, double recency, double probability)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(x > 0) || !(probability is > 0 and < 1)) return null;
        var (r, alpha, a, b) = parameters;
        // P(alive) = 1/(1 + e^L) with L = ln a − ln(b + x − 1) + (r + x)·ln((α + T)/(α + t_x)): P = p where L = ln(1/p − 1).
        var growth = (Math.Log((1 - probability) / probability) - Math.Log(a) + Math.Log(b + x - 1)) / (r + x);
        return (alpha + recency) * Math.Exp(growth) - alpha;
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T]: the expected number of purchases in the next <paramref name="horizon"/> of a customer with x
    /// repeat purchases, the last at t_x, observed for T (the paper's equation 10).
    /// </summary>
    /// <remarks>
    /// The paper writes it as (a + b + x − 1)/(a − 1)·[1 − ((α+T)/(α+T+t))^(r+x)·₂F₁(r+x, b+x; a+b+x−1; z)]·P(alive)
    /// with z = t/(α+T+t). Euler's transformation ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1−r−x)·₂F₁(a+b−1−r, a−1; c; z) turns the
    /// bracket into 1 − (1−z)^(a−1)·(1 + (a−1)W/c) with W the series' tail (<see cref="GaussHypergeometric.Tail"/>), so
    /// the expectation is P(alive)·(−c·expm1((a−1)ln(1−z))/(a−1) − (1−z)^(a−1)·W): the division by a − 1 is exact
    /// (no 0/0 at a = 1), ₂F₁'s growth like (1−z)^(a−1−r−x) for large x never has to be represented, and for small z the
    /// two terms do not cancel to nothing. When a + b − 1 − r is very negative (r far above a + b) that series alternates
    /// with huge terms, so there the paper's own form is used, whose series has positive terms.
    /// </remarks>
    public static double ExpectedPurchases(BgNbdParameters parameters, double horizon, double x, double recency, double age)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(horizon > 0)) return 0;
        var (r, alpha, a, b) = parameters;
        var alive = ProbabilityAlive(parameters, x, recency, age);
        var c = a + b + x - 1;
        var ratio = horizon / (alpha + age); // z/(1 − z)
        var oneMinusZ = 1 / (1 + ratio);
        var z = ratio * oneMinusZ;
        var logOneMinusZ = -Log1P(ratio);

        var euler = a + b - 1 - r;
        if (euler < EulerFormFrom && Math.Abs(a - 1) > 1e-6)
        {
            // The paper's form: c·(1 − (1−z)^(r+x)·₂F₁(r+x, b+x; c; z))/(a − 1) with ₂F₁ = 1 + (b+x)/c·W, whose W has
            // positive terms, is −(c·expm1((r+x)ln(1−z)) + (b+x)·(1−z)^(r+x)·W)/(a − 1).
            var tail = GaussHypergeometric.Tail(r + x, b + x, c, z, oneMinusZ);
            return alive * -(c * ExpM1((r + x) * logOneMinusZ) + (b + x) * tail.TimesExp((r + x) * logOneMinusZ)) / (a - 1);
        }

        var w = GaussHypergeometric.Tail(euler, a - 1, c, z, oneMinusZ);
        return alive * (-c * ExpM1Over(a - 1, logOneMinusZ) - w.TimesExp((a - 1) * logOneMinusZ));
    }

    /// <summary>E[X(t)]: the expected purchases in a first <paramref name="horizon"/> of a customer just acquired (the paper's equation 7).</summary>
    public static double ExpectedPurchasesOfNewCustomer(BgNbdParameters parameters, double horizon) =>
        ExpectedPurchases(parameters, horizon, 0, 0, 0);

    /// <summary>
    /// Fits r, α, a and b by maximum likelihood over <paramref name="observations"/> (Nelder–Mead over the logarithms of
    /// the parameters, within <see cref="LowerBounds"/> and <see cref="UpperBounds"/>). Deterministic: the same
    /// observations in the same order give the same fit.
    /// </summary>
    public static BgNbdFit Fit(IReadOnlyList<BtydObservation> observations, int maxIterations = 5000)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var data = Prepared.Of(observations);
        if (data.Customers < MinimumCustomers || data.RepeatCustomers == 0 || data.TotalAge <= 0)
            return new BgNbdFit(null, 0, data.Customers, FitStatus.InsufficientData, 0);

        // Start from r = 1 and α matching the observed repeat rate, a customer dropping out after about one in four purchases.
        var rate = Math.Max(data.TotalRepeats, 1) / data.TotalAge;
        double[] start = [0, Math.Log(1 / rate), 0, Math.Log(3)];
        var lower = LowerBounds.Select(v => Math.Log(v)).ToArray();
        var upper = UpperBounds.Select(v => Math.Log(v)).ToArray();
        var result = NelderMead.Minimize(theta => -data.LogLikelihood(theta) / data.Customers, start, lower, upper, step: 0.5, maxIterations);
        if (!double.IsFinite(result.Value)) return new BgNbdFit(null, 0, data.Customers, FitStatus.Failed, result.Iterations);

        var p = result.Point;
        return new BgNbdFit(new BgNbdParameters(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3])),
            -result.Value * data.Customers, data.Customers, result.Converged ? FitStatus.Converged : FitStatus.IterationLimit, result.Iterations);
    }

    /// <summary>
    /// The purchase part of the likelihood, ln[(α+T)^−(r+x) + δ(x&gt;0)·a/(b+x−1)·(α+t_x)^−(r+x)], with
    /// <paramref name="logDropout"/> = ln(a/(b+x−1)) for a customer who bought again and null for one who did not.
    /// </summary>
    private static double Purchases(double rx, double? logDropout, double logAlphaAge, double logAlphaRecency) =>
        logDropout is { } dropout ? LogAddExp(-rx * logAlphaAge, dropout - rx * logAlphaRecency) : -rx * logAlphaAge;

    /// <summary>
    /// The observations grouped by frequency, so that the gamma functions of an evaluation are computed once per distinct
    /// frequency and only two logarithms and a log-sum-exp once per observation.
    /// </summary>
    private sealed class Prepared
    {
        private double[] _frequencies = [];
        private double[] _frequencyCounts = [];
        private int[] _group = [];
        private double[] _counts = [];
        private double[] _ages = [];
        private double[] _recencies = [];

        public long Customers { get; private set; }
        public long RepeatCustomers { get; private set; }
        public double TotalRepeats { get; private set; }
        public double TotalAge { get; private set; }

        public static Prepared Of(IReadOnlyList<BtydObservation> observations)
        {
            var kept = observations.Where(o => o.Count > 0 && o.Frequency >= 0 && o.Age >= 0 && o.Recency >= 0 && o.Recency <= o.Age &&
                double.IsFinite(o.Age)).ToList();
            var frequencies = kept.Select(o => o.Frequency).Distinct().Order().ToArray();
            var groupOf = new Dictionary<double, int>();
            for (var i = 0; i < frequencies.Length; i++) groupOf[frequencies[i]] = i;
            var prepared = new Prepared
            {
                _frequencies = frequencies,
                _frequencyCounts = new double[frequencies.Length],
                _group = kept.Select(o => groupOf[o.Frequency]).ToArray(),
                _counts = kept.Select(o => (double)o.Count).ToArray(),
                _ages = kept.Select(o => o.Age).ToArray(),
                _recencies = kept.Select(o => o.Recency).ToArray(),
            };
            foreach (var o in kept)
            {
                prepared._frequencyCounts[groupOf[o.Frequency]] += o.Count;
                prepared.Customers += o.Count;
                if (o.Frequency > 0) prepared.RepeatCustomers += o.Count;
                prepared.TotalRepeats += o.Frequency * o.Count;
                prepared.TotalAge += o.Age * o.Count;
            }
            return prepared;
        }

        /// <summary>The log-likelihood at log-parameters <paramref name="theta"/> = (ln r, ln α, ln a, ln b).</summary>
        public double LogLikelihood(double[] theta)
        {
            double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
            var groups = _frequencies.Length;
            var logDropout = new double?[groups];
            var sum = 0.0;
            var shared = -LogGamma(r) + r * Math.Log(alpha) + LogGamma(a + b) - LogGamma(b);
            for (var g = 0; g < groups; g++)
            {
                var x = _frequencies[g];
                sum += _frequencyCounts[g] * (shared + LogGamma(r + x) + LogGamma(b + x) - LogGamma(a + b + x));
                logDropout[g] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : null;
            }
            for (var i = 0; i < _counts.Length; i++)
            {
                var g = _group[i];
                sum += _counts[i] * Purchases(r + _frequencies[g], logDropout[g], Math.Log(alpha + _ages[i]), Math.Log(alpha + _recencies[i]));
            }
            return sum;
        }
    }
}
