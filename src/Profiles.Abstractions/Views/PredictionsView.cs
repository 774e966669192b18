namespace Profiles.Abstractions.Views;

/// <summary>
/// What the population models predict for one customer as of the view: the probability of still being a customer
/// (<paramref name="PAlive"/>), the expected purchases in the next 30, 90 and 365 days, the expected value of a purchase
/// and the discounted lifetime value over <paramref name="ClvHorizonMonths"/> months at <paramref name="MonthlyDiscountRate"/>
/// (both null without a spend model that gives a finite mean), and the model version they came from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PredictionsView(
    [property: Id(0)] double PAlive,
    [property: Id(1)] double ExpectedPurchases30,
    [property: Id(2)] double ExpectedPurchases90,
    [property: Id(3)] double ExpectedPurchases365,
    [property: Id(4)] double? ExpectedOrderValue,
    [property: Id(5)] double? Clv,
    [property: Id(6)] int ClvHorizonMonths,
    [property: Id(7)] double MonthlyDiscountRate,
    [property: Id(8)] long ModelVersion);
