using System.Globalization;
using Profiles.Grains.Scheduling;

namespace Profiles.Benchmarks;

/// <summary>
/// N silent customers and the time bucket of each one's next time-driven check. Last orders are spread uniformly over
/// the past 180 days; a customer is due at the first of last order + 15, 31, 91 or 181 days (more than 14, 30, 90 or
/// 180 whole days: the recency, lifecycle and churn boundaries) that lies ahead. Only the buckets are kept (8 bytes per
/// customer); ids are made when they are sent, so the grains' states hold the only copies of them.
/// </summary>
internal sealed class SchedulePopulation
{
    private static readonly int[] BoundaryDays = [15, 31, 91, 181];

    private SchedulePopulation(long[] buckets) => Buckets = buckets;

    /// <summary>The bucket of customer <c>i</c>.</summary>
    public long[] Buckets { get; }

    public int Count => Buckets.Length;

    public static string CustomerId(int i) => "customer-" + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <param name="now">When scheduling starts; every due time is at least <paramref name="margin"/> after it, so nothing fires during the run.</param>
    public static SchedulePopulation Create(int customers, DateTimeOffset now, TimeSpan margin, int seed = 42)
    {
        var random = new Random(seed);
        var buckets = new long[customers];
        var window = TimeSpan.FromDays(180).Ticks;
        for (var i = 0; i < customers; i++)
        {
            var lastOrder = now - TimeSpan.FromTicks(random.NextInt64(window));
            var due = BoundaryDays.Select(d => lastOrder.AddDays(d)).First(at => at > now + margin);
            buckets[i] = WakeSchedule.BucketOf(due);
        }

        return new SchedulePopulation(buckets);
    }

    /// <summary>
    /// The customers of every <paramref name="everyNthDay"/>-th UTC day of due times: a subset whose buckets and day
    /// indexes are exactly as full as in the whole population, so its cost per customer is the whole one's.
    /// </summary>
    public int[] EveryNthDay(int everyNthDay)
    {
        var indices = new List<int>();
        for (var i = 0; i < Buckets.Length; i++)
        {
            if (WakeSchedule.DayOf(Buckets[i]) % everyNthDay == 0) indices.Add(i);
        }

        return [.. indices];
    }
}
