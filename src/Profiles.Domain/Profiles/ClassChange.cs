namespace Profiles.Domain.Profiles;

/// <summary>A customer moved from one class to another in one dimension ("tier change").</summary>
[GenerateSerializer, Immutable]
public sealed record ClassChange(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] string Dimension,
    [property: Id(2)] string? OldClass,
    [property: Id(3)] string NewClass,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? MessageId);
