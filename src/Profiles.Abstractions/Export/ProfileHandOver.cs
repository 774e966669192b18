namespace Profiles.Abstractions.Export;

/// <summary>
/// A profile handed over to the customer it turned out to be (a merge): its whole packed form
/// (<c>ProfileCodec.Whole</c>), which the customer reads and merges once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProfileHandOver([property: Id(0)] string CustomerId, [property: Id(1)] byte[] Whole);
