using System.Collections.Immutable;

namespace Profiles.Domain.Events;

/// <summary>Traits from an <c>identify</c> call, flattened to dotted keys (<c>address.city</c>) with string values.</summary>
[GenerateSerializer, Immutable]
public sealed record TraitsUpdated : CustomerEvent
{
    [Id(0)] public required ImmutableSortedDictionary<string, string> Traits { get; init; }

    public override string Kind => "identify";

    public override string Describe() => Traits.Count == 0 ? "identified" : $"identified: {string.Join(", ", Traits.Keys.Take(5))}";
}
