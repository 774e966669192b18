namespace Profiles.Domain.Predictions.Clusters;

/// <summary>Names centroids in words from their standardised coordinates, e.g. "recent, frequent, high spend".</summary>
internal static class ClusterNames
{
    /// <summary>The word for a centroid below the mean and above it on a feature.</summary>
    public static (string Low, string High) WordsOf(ClusterFeature feature) => feature switch
    {
        ClusterFeature.Recency => ("recent", "lapsed"),
        ClusterFeature.Frequency => ("occasional", "frequent"),
        ClusterFeature.Monetary => ("low spend", "high spend"),
        ClusterFeature.Engagement => ("disengaged", "engaged"),
        ClusterFeature.Satisfaction => ("unsatisfied", "satisfied"),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, null),
    };

    /// <summary>
    /// A distinct name for each centroid: the words of the features it is at least <paramref name="threshold"/> standard
    /// deviations from the mean on ("average" for none). Centroids that share a name are described again at half the
    /// threshold, then on every feature, and any that still share one are numbered in order.
    /// </summary>
    public static string[] Name(IReadOnlyList<double[]> centroids, IReadOnlyList<ClusterFeature> features, double threshold)
    {
        var names = centroids.Select(c => Describe(c, features, threshold)).ToArray();
        foreach (var lowered in new[] { threshold / 2, 0 })
        {
            foreach (var group in Duplicates(names))
            {
                foreach (var i in group) names[i] = Describe(centroids[i], features, lowered);
            }
        }
        foreach (var group in Duplicates(names))
        {
            var ordinal = 1;
            foreach (var i in group)
            {
                if (ordinal > 1) names[i] = $"{names[i]} ({ordinal})";
                ordinal++;
            }
        }
        return names;
    }

    private static string Describe(double[] centroid, IReadOnlyList<ClusterFeature> features, double threshold)
    {
        var words = new List<string>();
        for (var d = 0; d < features.Count; d++)
        {
            if (Math.Abs(centroid[d]) < threshold) continue;
            var (low, high) = WordsOf(features[d]);
            words.Add(centroid[d] < 0 ? low : high);
        }
        return words.Count == 0 ? "average" : string.Join(", ", words);
    }

    private static IEnumerable<int[]> Duplicates(string[] names) =>
        Enumerable.Range(0, names.Length).GroupBy(i => names[i], StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.ToArray()).ToList();
}
