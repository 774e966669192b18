using System.Collections.Immutable;

namespace Profiles.Abstractions.Grains;

/// <summary>What an erasure removed: the customer, the identities linked to it and the e-mail addresses entered for it.</summary>
[GenerateSerializer, Immutable]
public sealed record ErasedCustomer(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] ImmutableArray<string> Identities,
    [property: Id(2)] ImmutableArray<string> EmailAddresses);
