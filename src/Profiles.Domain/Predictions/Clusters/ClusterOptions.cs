namespace Profiles.Domain.Predictions.Clusters;

/// <summary>Settings under <c>Profiles:Clusters</c>: the discovered customer clusters (k-means over log-transformed, standardised features).</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Profiles:Clusters";

    /// <summary>The fewest clusters considered (default 2).</summary>
    public int MinClusters { get; set; } = 2;

    /// <summary>The most clusters considered (default 6); the k with the best silhouette in between wins.</summary>
    public int MaxClusters { get; set; } = 6;

    /// <summary>The seed of k-means++ seeding and silhouette sampling: the same seed and input give the same clusters (default 16).</summary>
    public long Seed { get; set; } = 16;

    /// <summary>k-means runs per k from different seeds, the one with the least within-cluster spread kept (default 3).</summary>
    public int Restarts { get; set; } = 3;

    /// <summary>The most Lloyd iterations of one run (default 100).</summary>
    public int MaxIterations { get; set; } = 100;

    /// <summary>Points beyond this many are first pooled on a fine grid of the standardised space (default 10,000).</summary>
    public int MaxPoints { get; set; } = 10_000;

    /// <summary>Customers drawn (with replacement, by weight) to estimate a silhouette (default 2,000).</summary>
    public int SilhouetteSample { get; set; } = 2000;

    /// <summary>A centroid is named on a feature when at least this many standard deviations from the mean (default 0.5).</summary>
    public double NameThreshold { get; set; } = 0.5;

    /// <summary>
    /// The features the service clusters on, in order: recency, frequency and monetary value, from the population
    /// statistics' grid (<see cref="ClusterCells"/>). The fitter takes engagement and satisfaction too; the population
    /// statistics do not keep them yet.
    /// </summary>
    public IReadOnlyList<ClusterFeature> Features => ClusterPoints.RfmFeatures;

    /// <summary>The first bad setting, named with its configuration key; null when every setting is valid.</summary>
    public string? Validate()
    {
        if (MinClusters < 2) return $"{Section}:MinClusters must be at least 2.";
        if (MaxClusters < MinClusters || MaxClusters > 50) return $"{Section}:MaxClusters must be from {Section}:MinClusters to 50.";
        if (Restarts < 1) return $"{Section}:Restarts must be at least 1.";
        if (MaxIterations < 1) return $"{Section}:MaxIterations must be at least 1.";
        if (MaxPoints < 100) return $"{Section}:MaxPoints must be at least 100.";
        if (SilhouetteSample < 10) return $"{Section}:SilhouetteSample must be at least 10.";
        if (!double.IsFinite(NameThreshold) || NameThreshold < 0) return $"{Section}:NameThreshold must be ≥ 0.";
        return null;
    }
}
