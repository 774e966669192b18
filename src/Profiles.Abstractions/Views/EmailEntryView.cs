namespace Profiles.Abstractions.Views;

/// <summary>The e-mail directory's entry for one address: whose <c>email</c> trait it is, and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailEntryView([property: Id(0)] string Address, [property: Id(1)] string CustomerId, [property: Id(2)] DateTimeOffset Since);
