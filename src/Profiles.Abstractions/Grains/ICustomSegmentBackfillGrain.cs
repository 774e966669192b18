using Profiles.Abstractions.CustomSegments;

namespace Profiles.Abstractions.Grains;

/// <summary>
/// One walk over every known customer (key <see cref="CustomSegmentWalk.Key"/>): reads the membership index shard by
/// shard and has each customer reclassified with the runtime custom segments of the walk's catalog version. Its cursor
/// is stored after every page, so after a restart it goes on where it stopped.
/// </summary>
public interface ICustomSegmentBackfillGrain : IGrainWithStringKey
{
    /// <summary>Starts the walk, or lets it go on from its stored cursor (idempotent); returns once its start is stored.</summary>
    Task StartAsync(CustomSegmentWalk walk);

    /// <summary>How far the walk is (zero and not done for a walk never started).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<BackfillProgressView> GetProgressAsync();
}
