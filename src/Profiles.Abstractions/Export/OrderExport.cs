namespace Profiles.Abstractions.Export;

/// <summary>One order as the customer knows it (see <see cref="CustomerRecordExport"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record OrderExport(
    [property: Id(0)] DateTimeOffset? CompletedAt,
    [property: Id(1)] decimal Revenue,
    [property: Id(2)] string? CompletionMessageId,
    [property: Id(3)] decimal Refunded,
    [property: Id(4)] bool FullyRefunded,
    [property: Id(5)] bool Cancelled);
