using System.Text;
using Azure.Data.Tables;
using Orleans.Storage;
using Profiles.Abstractions.Grains;
using Orleans.Configuration;
using Profiles.Grains.Scheduling;

namespace Profiles.Benchmarks;

/// <summary>
/// What the schedule's grain states take in storage: read back from the table (<see cref="ReadStoredAsync"/>), or
/// rebuilt from the customers scheduled and serialized with the silo's own grain-storage serializer
/// (<see cref="Compute"/>), with the keys the Azure Table provider gives them.
/// </summary>
internal sealed class ScheduleStateSizes(IGrainFactory grains, IGrainStorageSerializer serializer, string serviceId)
{
    private const string BucketState = "bucket";
    private const string DayState = "day";

    public string BucketPrefix => Prefix(grains.GetGrain<IWakeBucketGrain>("0/0").GetGrainId());

    public string DayPrefix => Prefix(grains.GetGrain<IWakeDayGrain>(0).GetGrainId());

    /// <summary>
    /// Rows of the bucket and day grains in the grain-state table, as stored. Rows without data (left by buckets that
    /// fired: clearing keeps the row) are counted apart.
    /// </summary>
    public async Task<(StateBytes Buckets, StateBytes Days, int EmptyRows)> ReadStoredAsync(string connectionString)
    {
        var table = new TableClient(connectionString, AzureTableStorageOptions.DEFAULT_TABLE_NAME);
        var (bucketPrefix, dayPrefix) = (BucketPrefix, DayPrefix);
        StateBytes buckets = default, days = default;
        var emptyRows = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            var columns = entity.Keys
                .Where(k => k.StartsWith("Data", StringComparison.Ordinal) && entity[k] is byte[] or BinaryData)
                .Select(k => (k, entity[k] is byte[] b ? b.Length : ((BinaryData)entity[k]).ToMemory().Length));
            var row = StateBytes.Row(entity.PartitionKey, entity.RowKey, columns);
            if (row.DataBytes == 0) emptyRows++;
            else if (entity.PartitionKey.StartsWith(bucketPrefix, StringComparison.Ordinal)) buckets += row;
            else if (entity.PartitionKey.StartsWith(dayPrefix, StringComparison.Ordinal)) days += row;
        }

        return (buckets, days, emptyRows);
    }

    /// <summary>The states the scheduled customers must have left: one per bucket shard, one index per day.</summary>
    public (StateBytes Buckets, StateBytes Days) Compute(SchedulePopulation population, IEnumerable<int> scheduled)
    {
        var shards = new Dictionary<string, WakeBucketState>(StringComparer.Ordinal);
        var dayStates = new Dictionary<long, WakeDayState>();
        foreach (var i in scheduled)
        {
            var id = SchedulePopulation.CustomerId(i);
            var bucket = population.Buckets[i];
            var key = WakeSchedule.KeyOf(bucket, id);
            if (!shards.TryGetValue(key, out var shard)) shards[key] = shard = new WakeBucketState();
            shard.Customers.Add(id);
            var day = WakeSchedule.DayOf(bucket);
            if (!dayStates.TryGetValue(day, out var index)) dayStates[day] = index = new WakeDayState();
            index.Buckets.Add(bucket);
        }

        StateBytes buckets = default, days = default;
        foreach (var (key, state) in shards) buckets += Row(grains.GetGrain<IWakeBucketGrain>(key).GetGrainId(), BucketState, state);
        foreach (var (day, state) in dayStates) days += Row(grains.GetGrain<IWakeDayGrain>(day).GetGrainId(), DayState, state);
        return (buckets, days);
    }

    /// <summary>The size of one binary column of the official provider (64 KiB).</summary>
    private const int ChunkSize = 64 * 1024;

    private StateBytes Row<T>(GrainId grainId, string stateName, T state)
    {
        var length = serializer.Serialize(state).ToMemory().Length;
        var columns = Enumerable.Range(0, (length + ChunkSize - 1) / ChunkSize)
            .Select(c => (c == 0 ? "Data" : $"Data{c}", Math.Min(ChunkSize, length - c * ChunkSize)));
        return StateBytes.Row(Prefix(grainId) + Encode(grainId.Key.ToString()!), stateName, columns);
    }

    // The stored key layout (the official provider's over the keys AzureTableGrainKeys makes safe): "{serviceId}_{type}/" with / \ # ? made _, then the grain key
    // with each of / \ # ? ¤ and control characters escaped as ¤XX. Checked against the stored rows when both are taken.
    private string Prefix(GrainId grainId) =>
        $"{serviceId}_{grainId.Type}/".Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');

    private static string Encode(string key)
    {
        var encoded = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' or '\u00A4' || char.IsControl(c)) encoded.Append('\u00A4').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else encoded.Append(c);
        }

        return encoded.ToString();
    }
}
