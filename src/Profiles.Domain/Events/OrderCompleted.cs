using System.Globalization;

namespace Profiles.Domain.Events;

/// <summary>A completed order. <see cref="Revenue"/> is in the base currency; the original amount is kept for display.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderCompleted : CustomerEvent
{
    [Id(0)] public required string OrderId { get; init; }
    [Id(1)] public required decimal Revenue { get; init; }
    [Id(2)] public required decimal OriginalAmount { get; init; }
    [Id(3)] public required string Currency { get; init; }

    public override string Kind => "Order Completed";

    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"order {OrderId}: {OriginalAmount:0.##} {Currency}");
}
