namespace Profiles.Grains.Scheduling;

/// <summary>
/// Time buckets of <see cref="BucketWidth"/>: bucket <c>b</c> covers the instants up to <c>b × width</c> (Unix time) and
/// fires once that moment has passed. Each bucket is split into <see cref="Shards"/> grains by a stable hash of the
/// customer id, so that no one grain's state grows past what a storage row holds.
/// </summary>
public static class WakeSchedule
{
    /// <summary>Width of one bucket. With ticks every <see cref="TickInterval"/>, a due customer is woken within about 45 s.</summary>
    public static readonly TimeSpan BucketWidth = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo asks the cursor to fire due buckets.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(10);

    /// <summary>Shards per bucket.</summary>
    public const int Shards = 32;

    /// <summary>The bucket that fires at or after <paramref name="due"/> (and at most one width later).</summary>
    public static long BucketOf(DateTimeOffset due)
    {
        var width = BucketWidth.Ticks;
        var ticks = due.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return ticks <= 0 ? 0 : (ticks + width - 1) / width;
    }

    /// <summary>How long after its moment a bucket is fired, so a silo whose clock runs a little behind can still add to it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>The last bucket to fire at <paramref name="now"/>: its moment is at least <see cref="Grace"/> past.</summary>
    public static long LastDueBucket(DateTimeOffset now) =>
        (now.UtcTicks - Grace.Ticks - DateTimeOffset.UnixEpoch.UtcTicks) / BucketWidth.Ticks;

    /// <summary>The moment bucket <paramref name="bucket"/> fires.</summary>
    public static DateTimeOffset FiresAt(long bucket) => DateTimeOffset.UnixEpoch + bucket * BucketWidth;

    /// <summary>Buckets per UTC day.</summary>
    public static long BucketsPerDay => TimeSpan.TicksPerDay / BucketWidth.Ticks;

    /// <summary>The UTC day (days since the Unix epoch) bucket <paramref name="bucket"/> belongs to.</summary>
    public static long DayOf(long bucket) => Math.Max(0, bucket - 1) / BucketsPerDay;

    /// <summary>The last bucket of <paramref name="day"/>.</summary>
    public static long LastBucketOfDay(long day) => (day + 1) * BucketsPerDay;

    /// <summary>The grain key of the shard of <paramref name="bucket"/> that holds <paramref name="customerId"/>.</summary>
    public static string KeyOf(long bucket, string customerId) => Key(bucket, ShardOf(customerId));

    public static string Key(long bucket, int shard) => $"{bucket}/{shard}";

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static int ShardOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Shards);
    }
}
