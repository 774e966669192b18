using System.Globalization;

namespace Profiles.Domain.Events;

/// <summary>A refund of an order, in full when <see cref="Amount"/> is null, else partial (base currency).</summary>
[GenerateSerializer, Immutable]
public sealed record OrderRefunded : CustomerEvent
{
    [Id(0)] public required string OrderId { get; init; }
    [Id(1)] public decimal? Amount { get; init; }

    public override string Kind => "Order Refunded";

    public override string Describe() => Amount is { } amount
        ? string.Create(CultureInfo.InvariantCulture, $"order {OrderId} refunded: {amount:0.##}")
        : $"order {OrderId} refunded in full";
}
