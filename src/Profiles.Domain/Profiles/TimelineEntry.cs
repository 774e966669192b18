namespace Profiles.Domain.Profiles;

/// <summary>One line of a customer's recent timeline.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntry(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Description);
