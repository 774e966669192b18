namespace Profiles.Grains.Audiences;

/// <summary>
/// A membership index shard's row: how many pages (rows <c>members.1</c>, <c>members.2</c>, …) are in force, and the log
/// of what changed since they were written (packed, see <see cref="ShardIndex"/>), applied over them on load.
/// </summary>
[GenerateSerializer]
public sealed class AudienceShardState
{
    /// <summary>Pages in force; a page beyond this count (left by a failed write) is never read.</summary>
    [Id(0)] public int Pages { get; set; }

    /// <summary>The customers changed or erased since the pages were written; null when none.</summary>
    [Id(1)] public byte[]? Log { get; set; }
}
