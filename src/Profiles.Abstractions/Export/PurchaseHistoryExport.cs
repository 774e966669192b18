namespace Profiles.Abstractions.Export;

/// <summary>
/// A customer's purchase history as reported to the population models: the UTC day numbers (days since 0001-01-01) of the
/// first and last purchase, the repeat purchase days and their mean net value.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PurchaseHistoryExport(
    [property: Id(0)] int FirstPurchaseDay,
    [property: Id(1)] int LastPurchaseDay,
    [property: Id(2)] int RepeatPurchases,
    [property: Id(3)] decimal MeanRepeatValue);
