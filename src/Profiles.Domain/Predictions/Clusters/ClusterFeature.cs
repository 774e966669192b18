namespace Profiles.Domain.Predictions.Clusters;

/// <summary>A dimension customers are clustered on, with the words that name a centroid far below or above the mean on it.</summary>
public enum ClusterFeature
{
    /// <summary>Days since the last order (low is "recent", high is "lapsed").</summary>
    Recency = 0,

    /// <summary>Orders in the RFM window ("occasional" / "frequent").</summary>
    Frequency = 1,

    /// <summary>Net revenue in the RFM window ("low spend" / "high spend").</summary>
    Monetary = 2,

    /// <summary>Interactions in the engagement window ("disengaged" / "engaged").</summary>
    Engagement = 3,

    /// <summary>A satisfaction score from −1 to 1 ("unsatisfied" / "satisfied"); not log-transformed, as it can be negative.</summary>
    Satisfaction = 4,
}
