using Profiles.Domain.Predictions;

namespace Profiles.Domain.Classification;

/// <summary>
/// What a profile's prediction classes were last computed from, and the result, so that the fold — which classifies a
/// profile after every drain, most of which change no order — does not evaluate P(alive), the nearest centroid or the
/// churn-risk crossing days again for the same inputs. Derived, never stored; one per profile, made on first use.
/// </summary>
internal sealed class PredictionMemo
{
    // churnRisk: the purchase history (the profile's cached instance, so a reference check), models and day it was for.
    public PurchaseHistory? ChurnHistory;
    public PublishedModels? ChurnModels;
    public int ChurnDay;
    public PredictionOptions? ChurnOptions;
    public ClassAssignment? Churn;

    // cluster: the figures it read, the models and day.
    public long ClusterLastOrderDay;
    public int ClusterFrequency;
    public decimal ClusterMonetary;
    public PublishedModels? ClusterModels;
    public int ClusterDay;
    public ClassAssignment? Cluster;

    // The whole prediction, for conditions that read the expectations: for a history, models, day and options.
    public PurchaseHistory? PredictionHistory;
    public PublishedModels? PredictionModels;
    public int PredictionDay;
    public PredictionOptions? PredictionOptions;
    public CustomerPrediction? Prediction;

    // The churn-risk crossing days of the time triggers: for a history, models and thresholds.
    public PurchaseHistory? CrossingHistory;
    public PublishedModels? CrossingModels;
    public PredictionOptions? CrossingOptions;
    public long? MediumCrossingDay;
    public long? HighCrossingDay;
}
