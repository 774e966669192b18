namespace Profiles.Abstractions.Views;

/// <summary>One recent event of a customer.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEntryView(
    [property: Id(0)] string MessageId,
    [property: Id(1)] DateTimeOffset Timestamp,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Description);
