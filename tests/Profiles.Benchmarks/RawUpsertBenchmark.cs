using System.Diagnostics;
using Azure.Data.Tables;

namespace Profiles.Benchmarks;

/// <summary>
/// Azurite's own ceiling: single-entity upserts (one row per partition, as grain state is stored) with a binary column
/// the size of a profile, several in flight, with no Orleans or host in the way.
/// </summary>
internal static class RawUpsertBenchmark
{
    public static async Task<(long Upserts, TimeSpan Elapsed)> RunAsync(string connectionString, int upserts, int concurrency, int payloadBytes)
    {
        var table = new TableClient(connectionString, "BenchmarkRawUpserts");
        await table.CreateIfNotExistsAsync();
        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);

        async Task UpsertAsync(int i, CancellationToken cancellationToken)
        {
            // A few hundred distinct rows, each written several times: inserts and replaces, as profiles see.
            var entity = new TableEntity($"bench_{i % 500}", "profile") { ["Data"] = payload, ["Sequence"] = i };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }

        // Warm-up: connections, JIT, Azurite's first-table work.
        await Parallel.ForAsync(0, Math.Min(200, upserts), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) => await UpsertAsync(i, ct));

        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, upserts, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) => await UpsertAsync(i, ct));
        return (upserts, clock.Elapsed);
    }
}
