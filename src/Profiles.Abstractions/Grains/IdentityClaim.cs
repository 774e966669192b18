namespace Profiles.Abstractions.Grains;

/// <summary>
/// One step of a link: <paramref name="Identity"/> is to resolve to <paramref name="CustomerId"/>, whose chain of claims
/// ended at the unclaimed identity <paramref name="Root"/> when it was read. Checked and stored while both
/// <paramref name="Identity"/> and <paramref name="Root"/> are held (see <see cref="IIdentityGrain.ClaimAsync"/>).
/// <paramref name="Kind"/> is how the call linked them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IdentityClaim(
    [property: Id(0)] string Identity,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string Root,
    [property: Id(3)] LinkKind Kind = LinkKind.Anonymous);
