using System.Globalization;

namespace Profiles.Domain.Classification;

/// <summary>
/// The four ascending boundaries between the five scores of R (days), F (orders) and M (net revenue), with the
/// version they were published under. A value at or below the first boundary scores 1 for F and M and 5 for R.
/// </summary>
public sealed record RfmBreakpoints(IReadOnlyList<double> Recency, IReadOnlyList<double> Frequency, IReadOnlyList<double> Monetary, long Version)
{
    /// <summary>The default fixed breakpoints.</summary>
    public static RfmBreakpoints Default { get; } = new([14, 30, 90, 180], [1, 2, 4, 8], [50, 150, 400, 1000], 0);

    /// <summary>Score 5 for the most recent customers, 1 for the least.</summary>
    public int ScoreRecency(double days) => 5 - Rank(Recency, days);

    /// <summary>Score 1 for the fewest orders, 5 for the most.</summary>
    public int ScoreFrequency(double orders) => 1 + Rank(Frequency, orders);

    /// <summary>Score 1 for the lowest revenue, 5 for the highest.</summary>
    public int ScoreMonetary(double revenue) => 1 + Rank(Monetary, revenue);

    /// <summary>Throws with the name of the setting when a list is not four ascending finite numbers.</summary>
    public void Validate(string settingPrefix)
    {
        Check(Recency, $"{settingPrefix}:Recency");
        Check(Frequency, $"{settingPrefix}:Frequency");
        Check(Monetary, $"{settingPrefix}:Monetary");
    }

    private static int Rank(IReadOnlyList<double> bounds, double value)
    {
        var rank = 0;
        while (rank < bounds.Count && value > bounds[rank]) rank++;
        return rank;
    }

    private static void Check(IReadOnlyList<double> bounds, string setting)
    {
        if (bounds.Count != 4 || bounds.Any(b => !double.IsFinite(b)))
            throw new ArgumentException($"{setting} must be four finite numbers; it has {bounds.Count}.");
        for (var i = 1; i < bounds.Count; i++)
        {
            if (bounds[i] < bounds[i - 1])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{setting} must be ascending; {bounds[i]} follows {bounds[i - 1]}."));
        }
    }
}
