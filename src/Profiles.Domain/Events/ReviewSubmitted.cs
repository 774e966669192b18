namespace Profiles.Domain.Events;

/// <summary>A product review with a 1–5 star rating (Segment's <c>Product Reviewed</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record ReviewSubmitted : CustomerEvent
{
    [Id(0)] public required int Rating { get; init; }
    [Id(1)] public string? ProductId { get; init; }

    public override string Kind => "Product Reviewed";

    public override string Describe() => $"reviewed {ProductId ?? "a product"}: {Rating}/5";
}
