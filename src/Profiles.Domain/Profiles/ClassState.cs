namespace Profiles.Domain.Profiles;

/// <summary>The class a customer holds in one dimension, since when and what caused it.</summary>
/// <remarks>
/// <see cref="Reason"/> is null in states classified now: the reason is derived from the profile whenever it is shown
/// (<c>ProfileClassifier.Classify</c>), not kept in every active customer's memory and every stored row. States stored
/// earlier still carry theirs until the next classification.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record ClassState(
    [property: Id(0)] string Value,
    [property: Id(1)] string? Reason,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string? CausedBy);
