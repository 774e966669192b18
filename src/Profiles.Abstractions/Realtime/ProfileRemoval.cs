using System.Collections.Immutable;

namespace Profiles.Abstractions.Realtime;

/// <summary>
/// A customer's profile was erased (GDPR): it left every class it was in. <see cref="Classes"/> (dimension → class) lets
/// a dashboard that counts classes take the customer out of each.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ProfileRemoval(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] ImmutableDictionary<string, string> Classes);
