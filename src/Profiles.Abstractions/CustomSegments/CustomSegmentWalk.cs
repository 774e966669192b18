using System.Globalization;

namespace Profiles.Abstractions.CustomSegments;

/// <summary>
/// A walk over every known customer (through the membership index) that reclassifies each with the runtime custom
/// segments of at least <see cref="CatalogVersion"/>: after a segment is defined (its backfill) or removed (which drops
/// its class).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustomSegmentWalk(
    [property: Id(0)] string Segment,
    [property: Id(1)] long Generation,
    [property: Id(2)] bool Removal,
    [property: Id(3)] long CatalogVersion)
{
    /// <summary>The walk's grain key.</summary>
    public string Key => KeyOf(Segment, Generation);

    /// <summary><c>{segment}/{generation}</c>: one walk per generation of a segment.</summary>
    public static string KeyOf(string segment, long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"{segment}/{generation}");
}
