namespace Profiles.Abstractions.Views;

/// <summary>The stored record of one identity: the customer it resolved to and whether its own profile was merged into it.</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityRecordView([property: Id(0)] string Identity, [property: Id(1)] string? CustomerId, [property: Id(2)] bool Merged);
