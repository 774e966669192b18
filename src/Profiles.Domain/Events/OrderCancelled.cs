namespace Profiles.Domain.Events;

/// <summary>An order that will not happen: it no longer counts towards frequency or revenue.</summary>
[GenerateSerializer, Immutable]
public sealed record OrderCancelled : CustomerEvent
{
    [Id(0)] public required string OrderId { get; init; }

    public override string Kind => "Order Cancelled";

    public override string Describe() => $"order {OrderId} cancelled";
}
