namespace Profiles.Domain.Statistics;

/// <summary>How a <see cref="Histogram"/> maps values to buckets.</summary>
public enum HistogramScale
{
    /// <summary>One bucket per whole number (day numbers, order counts): quantiles are exact.</summary>
    Exact = 0,

    /// <summary>
    /// Bucket <c>i</c> holds the values in (r^(i-1), r^i] with r = <see cref="Histogram.LogRatio"/>, plus one bucket for
    /// zero and below: a quantile read as its bucket's upper bound is at most 0.5% above the exact one.
    /// </summary>
    Logarithmic = 1,
}
