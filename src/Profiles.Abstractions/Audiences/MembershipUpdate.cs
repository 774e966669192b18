using System.Collections.Immutable;

namespace Profiles.Abstractions.Audiences;

/// <summary>
/// What the membership index must hold for one customer: every class it is in (empty: listed nowhere, as a profile merged
/// into another's), stamped. A shard keeps the update with the greatest <see cref="Stamp"/>, so updates may arrive twice
/// or out of order. <see cref="Erase"/> removes the customer and its stamp altogether (GDPR erasure).
/// </summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Stamp">Increases with every write that changes the customer's classes (ticks of that write's time, at least one more than before).</param>
/// <param name="Classes">Every class the customer is in, one per dimension.</param>
/// <param name="Erase">Remove every trace of the customer from the index.</param>
[GenerateSerializer, Immutable]
public sealed record MembershipUpdate(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] long Stamp,
    [property: Id(2)] ImmutableArray<AudienceTerm> Classes,
    [property: Id(3)] bool Erase = false);
