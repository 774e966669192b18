namespace Profiles.Abstractions.Views;

/// <summary>Order history in figures (net of refunds and cancellations, base currency).</summary>
[GenerateSerializer, Immutable]
public sealed record OrdersView(
    [property: Id(0)] int Lifetime,
    [property: Id(1)] decimal LifetimeRevenue,
    [property: Id(2)] DateTimeOffset? FirstOrderAt,
    [property: Id(3)] DateTimeOffset? LastOrderAt,
    [property: Id(4)] int Reactivations);
