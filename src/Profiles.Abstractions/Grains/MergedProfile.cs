namespace Profiles.Abstractions.Grains;

/// <summary>
/// A profile merged into the customer it turned out to be (<see cref="ICustomerGrain.MergeFromAsync"/>): its id and its
/// whole packed form (<c>ProfileCodec.Whole</c>), which the customer reads and merges once.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MergedProfile([property: Id(0)] string CustomerId, [property: Id(1)] byte[] Whole);
