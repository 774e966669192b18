using Profiles.Domain.Statistics;

namespace Profiles.Domain.Predictions;

/// <summary>Turns the population models and one customer's purchase history into that customer's predictions. Pure: time comes in as <c>now</c>.</summary>
public static class CustomerPredictor
{
    /// <summary>The length of a CLV period (a month), in days, as the lifetimes library counts a month for daily data.</summary>
    public const double MonthDays = 30;

    /// <summary>
    /// The predictions for a customer with <paramref name="history"/> at <paramref name="now"/>; null when the customer never
    /// bought or the population model has no BG/NBD parameters yet.
    /// </summary>
    public static CustomerPrediction? Predict(PopulationModel model, PurchaseHistory? history, DateTimeOffset now, PredictionOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (history is null || model.Purchases.Parameters is not { } purchases) return null;

        var unit = model.TimeUnitDays;
        var (x, recency, age) = (history.RepeatPurchases, history.Recency(unit), history.Age(PopulationContribution.DayOf(now), unit));
        var alive = BgNbdModel.ProbabilityAlive(purchases, x, recency, age);
        var value = model.Spend.Parameters is { } spend ? GammaGammaModel.ExpectedAverageValue(spend, x, (double)history.MeanRepeatValue) : null;
        var lifetimeValue = value is { } v
            ? LifetimeValue(purchases, v, x, recency, age, unit, options.ClvHorizonMonths, options.MonthlyDiscountRate)
            : (double?)null;
        return new CustomerPrediction(
            alive,
            BgNbdModel.ExpectedPurchases(purchases, 30 / unit, x, recency, age),
            BgNbdModel.ExpectedPurchases(purchases, 90 / unit, x, recency, age),
            BgNbdModel.ExpectedPurchases(purchases, 365 / unit, x, recency, age),
            value,
            lifetimeValue,
            options.ChurnRiskOf(alive),
            model.Version);
    }

    /// <summary>
    /// The customer lifetime value over <paramref name="horizonMonths"/> months of <see cref="MonthDays"/> days: for each
    /// month i, the purchases expected in it, E[Y(i months)] − E[Y(i − 1 months)], times <paramref name="expectedValue"/>,
    /// discounted by (1 + <paramref name="monthlyDiscountRate"/>)^i — the discounted cash flow of the lifetimes library's
    /// customer_lifetime_value, with each month's purchases discounted as if made at its end.
    /// </summary>
    public static double LifetimeValue(BgNbdParameters purchases, double expectedValue, double x, double recency, double age, double unitDays,
        int horizonMonths, double monthlyDiscountRate)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        var total = 0.0;
        var before = 0.0;
        for (var month = 1; month <= horizonMonths; month++)
        {
            var upTo = BgNbdModel.ExpectedPurchases(purchases, month * MonthDays / unitDays, x, recency, age);
            total += expectedValue * (upTo - before) / Math.Pow(1 + monthlyDiscountRate, month);
            before = upTo;
        }
        return total;
    }
}
