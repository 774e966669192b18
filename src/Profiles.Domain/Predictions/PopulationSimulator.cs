namespace Profiles.Domain.Predictions;

/// <summary>
/// Customers drawn from known BG/NBD and Gamma-Gamma parameters, for tests that recover those parameters and for
/// benchmarks. Each customer's first purchase falls on a uniform day of the acquisition period; its purchase rate is
/// λ ~ Gamma(r, α), its dropout probability p ~ Beta(a, b), and after each repeat purchase it drops out with probability
/// p; every purchase is worth a Gamma(p, ν) value with ν ~ Gamma(q, γ), in cents.
/// </summary>
public static class PopulationSimulator
{
    /// <summary>
    /// Simulates <paramref name="customers"/> customers acquired over <paramref name="acquisitionDays"/> days from day
    /// <paramref name="firstDay"/>, observed until the start of day <paramref name="nowDay"/>, with rates per
    /// <paramref name="unitDays"/> days. Each customer is its purchases as (day, value), the first one first; the same
    /// seed gives the same customers.
    /// </summary>
    public static IEnumerable<IReadOnlyList<(int Day, decimal NetValue)>> Simulate(BgNbdParameters purchases, GammaGammaParameters spend,
        int customers, int firstDay, int acquisitionDays, int nowDay, double unitDays, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(acquisitionDays);
        if (nowDay < firstDay + acquisitionDays) throw new ArgumentOutOfRangeException(nameof(nowDay), "Customers are observed after they are acquired.");
        return Generate(purchases, spend, customers, firstDay, acquisitionDays, nowDay, unitDays, new SeededRandom(seed));
    }

    private static IEnumerable<IReadOnlyList<(int Day, decimal NetValue)>> Generate(BgNbdParameters purchases, GammaGammaParameters spend,
        int customers, int firstDay, int acquisitionDays, int nowDay, double unitDays, SeededRandom random)
    {
        for (var i = 0; i < customers; i++)
        {
            var start = firstDay + (int)random.NextInt64(acquisitionDays);
            var rate = random.NextGamma(purchases.R, purchases.Alpha);
            var dropout = random.NextBeta(purchases.A, purchases.B);
            var spendRate = random.NextGamma(spend.Q, spend.Gamma);
            var observed = (nowDay - start) / unitDays;

            var days = new List<(int Day, decimal NetValue)> { (start, Value(random, spend.P, spendRate)) };
            var time = 0.0;
            while (true)
            {
                time += random.NextExponential(rate);
                if (time >= observed) break;
                days.Add((start + (int)Math.Floor(time * unitDays), Value(random, spend.P, spendRate)));
                if (random.NextDouble() < dropout) break;
            }
            yield return days;
        }
    }

    private static decimal Value(SeededRandom random, double shape, double rate) =>
        Math.Round((decimal)Math.Min(random.NextGamma(shape, rate), 1e12), 2, MidpointRounding.ToEven);
}
