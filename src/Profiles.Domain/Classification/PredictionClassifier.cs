using System.Globalization;
using Profiles.Domain.Predictions;
using Profiles.Domain.Predictions.Clusters;
using Profiles.Domain.Profiles;
using Profiles.Domain.Statistics;

namespace Profiles.Domain.Classification;

/// <summary>
/// The classes that come from the population-fitted models: <c>churnRisk</c> from BG/NBD's P(alive) and <c>cluster</c>
/// from the nearest discovered centroid. A customer who never bought is <c>none</c> in both; one who bought before a
/// model (or clusters) exists is <c>unknown</c>.
/// </summary>
public static class PredictionClassifier
{
    /// <summary>The class a customer without a counted order is in.</summary>
    public const string None = "none";

    /// <summary>The class a customer who bought is in while there is no model (or it has no parameters).</summary>
    public const string Unknown = "unknown";

    private static readonly ClassAssignment NoChurnRisk = new(Dimensions.ChurnRisk, None, "");
    private static readonly ClassAssignment NoCluster = new(Dimensions.Cluster, None, "");

    /// <summary>
    /// The churn risk class of <paramref name="profile"/> on day <paramref name="nowDay"/>; without <paramref name="explain"/>
    /// the same instance as last time when neither its purchase history, the models nor the day changed (the fold's case).
    /// </summary>
    internal static ClassAssignment ChurnRisk(CustomerProfile profile, PublishedModels? models, int nowDay, PredictionOptions options, bool explain)
    {
        var history = profile.CurrentPurchaseHistory();
        if (explain) return ChurnRisk(history, models, nowDay, options, explain: true);
        // Prospects (most customers of a clickstream) need nothing remembered.
        if (history is null) return NoChurnRisk;
        var memo = profile.PredictionMemo;
        if (memo.Churn is { } known && ReferenceEquals(memo.ChurnHistory, history) && ReferenceEquals(memo.ChurnModels, models) &&
            memo.ChurnDay == nowDay && ReferenceEquals(memo.ChurnOptions, options)) return known;
        var churn = ChurnRisk(history, models, nowDay, options, explain: false);
        (memo.ChurnHistory, memo.ChurnModels, memo.ChurnDay, memo.ChurnOptions, memo.Churn) = (history, models, nowDay, options, churn);
        return churn;
    }

    /// <summary>
    /// The cluster class of <paramref name="profile"/> with <paramref name="orders"/> on day <paramref name="nowDay"/>; without
    /// <paramref name="explain"/> the same instance as last time when none of the figures it reads, the models or the day changed.
    /// </summary>
    internal static ClassAssignment Cluster(CustomerProfile profile, OrderSummary orders, PublishedModels? models, int nowDay, bool explain)
    {
        if (explain) return Cluster(orders, models, nowDay, explain: true);
        if (orders.LastOrder is null) return NoCluster;
        var memo = profile.PredictionMemo;
        var lastOrderDay = orders.LastOrder is { } last ? PopulationContribution.DayOf(last) : long.MinValue;
        if (memo.Cluster is { } known && memo.ClusterLastOrderDay == lastOrderDay && memo.ClusterFrequency == orders.OrdersInWindow &&
            memo.ClusterMonetary == orders.RevenueInWindow && ReferenceEquals(memo.ClusterModels, models) && memo.ClusterDay == nowDay) return known;
        var cluster = Cluster(orders, models, nowDay, explain: false);
        (memo.ClusterLastOrderDay, memo.ClusterFrequency, memo.ClusterMonetary, memo.ClusterModels, memo.ClusterDay, memo.Cluster) =
            (lastOrderDay, orders.OrdersInWindow, orders.RevenueInWindow, models, nowDay, cluster);
        return cluster;
    }

    /// <summary>The churn risk class of a customer with <paramref name="history"/> on day <paramref name="nowDay"/> under <paramref name="models"/>.</summary>
    public static ClassAssignment ChurnRisk(PurchaseHistory? history, PublishedModels? models, int nowDay, PredictionOptions options, bool explain)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (history is null) return new ClassAssignment(Dimensions.ChurnRisk, None, explain ? "no purchase yet" : "");
        if (models?.Population is not { Purchases.Parameters: { } parameters } population)
        {
            return new ClassAssignment(Dimensions.ChurnRisk, Unknown, !explain ? "" : models is null
                ? "no purchase model fitted yet"
                : $"the purchase model v{models.Version} has no parameters ({Words(models.Population.Purchases.Status)})");
        }

        var unit = population.TimeUnitDays;
        var alive = BgNbdModel.ProbabilityAlive(parameters, history.RepeatPurchases, history.Recency(unit), history.Age(nowDay, unit));
        var risk = options.ChurnRiskOf(alive);
        var value = Name(risk);
        if (!explain) return new ClassAssignment(Dimensions.ChurnRisk, value, "");
        var threshold = risk switch
        {
            Predictions.ChurnRisk.High => $"< {Number(options.HighChurnRiskBelow)}",
            Predictions.ChurnRisk.Medium => $"< {Number(options.MediumChurnRiskBelow)}",
            _ => $"≥ {Number(options.MediumChurnRiskBelow)}",
        };
        var facts = history.RepeatPurchases == 0
            ? "no repeat purchase yet, and BG/NBD lets a customer drop out only after one"
            : $"{Count(history.RepeatPurchases, "repeat purchase day")}, the last {Count(history.LastPurchaseDay - history.FirstPurchaseDay, "day")} after the first, " +
              $"{Count(Math.Max(nowDay, history.LastPurchaseDay) - history.FirstPurchaseDay, "day")} since the first";
        // Three decimals, or the magnitude for a customer long gone (0.000 would say nothing).
        var shown = alive.ToString(alive is > 0 and < 0.0005 ? "0.0E+0" : "0.000", CultureInfo.InvariantCulture);
        return new ClassAssignment(Dimensions.ChurnRisk, value, $"P(alive) {shown} {threshold} ({facts}; model v{models.Version})");
    }

    /// <summary>
    /// The cluster of a customer with <paramref name="orders"/> on day <paramref name="nowDay"/>: the name of the nearest
    /// centroid of <paramref name="models"/>' clusters for its days since the last order, orders and revenue in the window.
    /// </summary>
    public static ClassAssignment Cluster(OrderSummary orders, PublishedModels? models, int nowDay, bool explain)
    {
        if (orders.LastOrder is not { } last) return new ClassAssignment(Dimensions.Cluster, None, explain ? "no order yet" : "");
        if (models?.Clusters is not { } clusters)
        {
            return new ClassAssignment(Dimensions.Cluster, Unknown, !explain ? "" : models is null
                ? "no clusters fitted yet"
                : $"too few distinct customers for clusters at v{models.Version}");
        }

        var recency = Math.Max(0, nowDay - PopulationContribution.DayOf(last));
        ReadOnlySpan<double> values = [recency, orders.OrdersInWindow, (double)orders.RevenueInWindow];
        var centroid = clusters.ClusterOf(values);
        if (!explain) return new ClassAssignment(Dimensions.Cluster, centroid.Name, "");
        var centre = centroid.Center;
        return new ClassAssignment(Dimensions.Cluster, centroid.Name,
            $"nearest of {clusters.Centroids.Length} centroids: {Count(recency, "day")} since the last order, {Count(orders.OrdersInWindow, "order")} " +
            $"worth {Number((double)orders.RevenueInWindow)} in the window (centroid {Number(centre[0])} days, {Number(centre[1])} orders, " +
            $"{Number(centre[2])}; clusters v{models.Version})");
    }

    /// <summary>The class name of a churn risk: low, medium or high.</summary>
    public static string Name(ChurnRisk risk) => risk switch
    {
        Predictions.ChurnRisk.High => "high",
        Predictions.ChurnRisk.Medium => "medium",
        _ => "low",
    };

    private static string Words(FitStatus status) => status switch
    {
        FitStatus.InsufficientData => "too few customers",
        FitStatus.Failed => "the fit failed",
        FitStatus.IterationLimit => "iteration limit",
        _ => "converged",
    };

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);
}
