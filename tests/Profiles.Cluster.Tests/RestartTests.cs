using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Profiles.Cluster.Tests.Infrastructure;
using Profiles.Cluster.Tests.Ingest;

namespace Profiles.Cluster.Tests;

/// <summary>Every silo of a cluster stopped and started again on the same storage.</summary>
public sealed class RestartTests(ITestOutputHelper output)
{
    private const int Customers = 300;
    private const int Concurrency = 8;

    /// <summary>Fields that are about the moment of reading, not about the customer.</summary>
    private static readonly string[] VolatileFields = ["asOf"];

    [Fact]
    public async Task EveryProfileReadsBackIdenticalAfterAllSilosAreStoppedAndStartedAgain()
    {
        await using var cluster = await SiloCluster.StartAsync(3);
        var requests = IngestRequest.Chunk(EventGenerator.Generate("restart", Customers, ordersEach: 2, surveysEach: 1, seed: 11), 10);
        var client = new RetryingIngestClient(cluster.Http, [.. cluster.Silos.Select(s => s.BaseAddress)], SiloCluster.WriteKey, Stopwatch.StartNew());
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (request, _) =>
            Assert.NotNull((await client.SendAsync(request)).AcknowledgedAt));
        var customers = requests.SelectMany(r => r.Events).Select(e => e.CustomerId).Distinct(StringComparer.Ordinal).ToList();
        var before = await ReadAllAsync(cluster, customers);
        var expected = ExpectedProfile.From(requests.SelectMany(r => r.Events));
        Assert.All(customers, c => Assert.Empty(expected[c].Differences(JsonNode.Parse(before[c])!)));

        var restart = Stopwatch.StartNew();
        var exitCodes = await cluster.RestartAllAsync();
        output.WriteLine($"Stopped 3 silos with SIGTERM (exit codes {string.Join(", ", exitCodes)}) and started 3 new ones in {restart.Elapsed.TotalSeconds:0.0} s.");
        Assert.All(exitCodes, code => Assert.Equal(0, code));

        var after = await ReadAllAsync(cluster, customers);
        var changed = customers.Where(c => before[c] != after[c]).ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} of {customers.Count} profiles read back differently, e.g. {changed.FirstOrDefault()}:" +
            $"{Environment.NewLine}before: {changed.Select(c => before[c]).FirstOrDefault()}{Environment.NewLine}after:  {changed.Select(c => after[c]).FirstOrDefault()}");
    }

    /// <summary>Every customer's profile JSON, without the volatile fields, spread over the silos.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(SiloCluster cluster, IReadOnlyList<string> customers)
    {
        var reader = new ProfileReader(cluster.Http, SiloCluster.AgentKey);
        var silos = cluster.Silos.Select(s => s.BaseAddress).ToList();
        var profiles = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(customers.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (item, _) =>
        {
            var profile = await reader.ReadAsync(silos, item.c, item.i) ?? throw new InvalidOperationException($"Customer {item.c} is not found.");
            foreach (var field in VolatileFields)
            {
                profile.AsObject().Remove(field);
            }

            profiles[item.c] = profile.ToJsonString();
        });
        return new Dictionary<string, string>(profiles, StringComparer.Ordinal);
    }
}
