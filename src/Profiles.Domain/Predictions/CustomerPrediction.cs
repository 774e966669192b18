namespace Profiles.Domain.Predictions;

/// <summary>
/// What the population models predict for one customer: the probability of still being a customer, the expected purchases
/// in the next 30, 90 and 365 days, the expected value of a future purchase and the discounted customer lifetime value
/// (both null without a spend model that gives a finite mean), the churn risk and the model version they came from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomerPrediction(
    [property: Id(0)] double ProbabilityAlive,
    [property: Id(1)] double ExpectedPurchases30Days,
    [property: Id(2)] double ExpectedPurchases90Days,
    [property: Id(3)] double ExpectedPurchases365Days,
    [property: Id(4)] double? ExpectedOrderValue,
    [property: Id(5)] double? LifetimeValue,
    [property: Id(6)] ChurnRisk ChurnRisk,
    [property: Id(7)] long ModelVersion);
