using Profiles.Abstractions.CustomSegments;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// The runtime custom segments of the cluster (key 0), stored durably. Every silo reads it every second or so and
/// classifies with what it holds; each definition and removal starts a walk over every known customer.
/// </summary>
public interface ICustomSegmentCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>The segments in force and the walks still running.</summary>
    Task<CustomSegmentCatalogView> GetAsync();

    /// <summary>
    /// Defines (or redefines) the segment <paramref name="name"/> with <paramref name="condition"/> — the caller has
    /// checked both — unless that would make more than <paramref name="maxSegments"/>; returns once stored and its
    /// backfill started. Defining a segment with the condition it has changes nothing.
    /// </summary>
    Task<CustomSegmentDefinitionResult> DefineAsync(string name, string condition, int maxSegments);

    /// <summary>Removes the segment and starts the walk that drops its class from every customer; null when there is none of that name.</summary>
    Task<RuntimeCustomSegment?> RemoveAsync(string name);

    /// <summary>The walk <paramref name="key"/> is finished (or superseded): it is no longer resumed.</summary>
    Task WalkDoneAsync(string key);
}
