using System.Diagnostics;
using System.Globalization;
using System.Text;
using Profiles.Cluster.Tests.Infrastructure;
using Profiles.Cluster.Tests.Ingest;

namespace Profiles.Cluster.Tests;

/// <summary>Three host processes on Azure Table membership and storage; one is killed with SIGKILL while events stream in.</summary>
public sealed class SiloKillTests(ITestOutputHelper output)
{
    private const int Customers = 1_000;
    private const int OrdersEach = 4;
    private const int SurveysEach = 1;
    private const int EventsPerRequest = 10;
    private const int Concurrency = 8;

    [Fact]
    public async Task EveryAcknowledgedEventIsCountedExactlyOnceWhenASiloIsKilledMidStream()
    {
        await using var cluster = await SiloCluster.StartAsync(3);
        var endpoints = cluster.Silos.Select(s => s.BaseAddress).ToList();
        var requests = IngestRequest.Chunk(EventGenerator.Generate("kill", Customers, OrdersEach, SurveysEach, seed: 7), EventsPerRequest);
        var victim = cluster.Silos[1];
        var killAfter = requests.Count * 3 / 10;

        var clock = Stopwatch.StartNew();
        var client = new RetryingIngestClient(cluster.Http, endpoints, SiloCluster.WriteKey, clock);
        var deliveries = new Delivery[requests.Count];
        var completed = 0;
        TimeSpan? killedAt = null;
        Task<TimeSpan>? declaredDead = null;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) =>
            {
                deliveries[i] = await client.SendAsync(requests[i]);
                if (Interlocked.Increment(ref completed) == killAfter)
                {
                    killedAt = clock.Elapsed;
                    await victim.KillAsync();
                    declaredDead = cluster.WaitUntilDeclaredDeadAsync(victim, clock, TimeSpan.FromSeconds(60));
                }
            });
        var streamTime = clock.Elapsed;

        Assert.NotNull(killedAt);
        var unacknowledged = deliveries.Where(d => d.AcknowledgedAt is null).ToList();
        Assert.True(unacknowledged.Count == 0, $"{unacknowledged.Count} requests were never acknowledged, e.g. request " +
            $"{unacknowledged.FirstOrDefault()?.Request.Number}: {string.Join(", ", unacknowledged.FirstOrDefault()?.Attempts.Select(a => a.Outcome) ?? [])}");

        var expected = ExpectedProfile.From(deliveries.SelectMany(d => d.Request.Events));
        Assert.Equal(Customers, expected.Count);
        var survivors = cluster.Silos.Where(s => !s.HasExited).Select(s => s.BaseAddress).ToList();
        Assert.Equal(2, survivors.Count);
        var mismatches = await CompareProfilesAsync(cluster, survivors, expected);

        Report(deliveries, killedAt.Value, await declaredDead!, streamTime, victim);
        Assert.True(mismatches.IsEmpty, $"{mismatches.Count} of {Customers} profiles differ from the acknowledged events:{Environment.NewLine}" +
            string.Join(Environment.NewLine, mismatches.Take(10)));
    }

    private static async Task<System.Collections.Concurrent.ConcurrentBag<string>> CompareProfilesAsync(
        SiloCluster cluster, IReadOnlyList<Uri> survivors, Dictionary<string, ExpectedProfile> expected)
    {
        var reader = new ProfileReader(cluster.Http, SiloCluster.AgentKey);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            expected.Select((pair, i) => (pair.Key, pair.Value, i)),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (item, _) =>
            {
                var profile = await reader.ReadAsync(survivors, item.Key, item.i);
                if (profile is null)
                {
                    mismatches.Add($"{item.Key}: not found");
                    return;
                }

                var differences = item.Value.Differences(profile).ToList();
                if (differences.Count > 0)
                {
                    mismatches.Add($"{item.Key}: {string.Join("; ", differences)}");
                }
            });
        return mismatches;
    }

    private void Report(IReadOnlyList<Delivery> deliveries, TimeSpan killedAt, TimeSpan declaredDead, TimeSpan streamTime, SiloProcess victim)
    {
        static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

        var failedAfterKill = deliveries.SelectMany(d => d.Attempts).Where(a => !a.Succeeded && a.EndedAt >= killedAt).ToList();

        // Requests that reached a live silo and still failed: their customers' grains were on the killed silo.
        var stalled = deliveries
            .Where(d => d.Attempts.Any(a => !a.Succeeded && !a.SiloUnreachable && a.EndedAt >= killedAt))
            .Select(d => d.AcknowledgedAt!.Value - killedAt)
            .Order()
            .ToList();
        var events = deliveries.Sum(d => d.Request.Events.Count);

        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Streamed {events} events for {Customers} customers in {deliveries.Count} requests in {S(streamTime)} ({events / streamTime.TotalSeconds:0} events/s), {Concurrency} at a time.")
            .AppendLine(CultureInfo.InvariantCulture, $"Killed {victim.Name} ({victim.BaseAddress}) with SIGKILL at {S(killedAt)}.")
            .AppendLine(CultureInfo.InvariantCulture, $"Failed attempts after the kill: {failedAfterKill.Count} ({string.Join(", ", failedAfterKill.GroupBy(a => a.Outcome).Select(g => $"{g.Key}: {g.Count()}"))}); all retried with the same message ids.")
            .AppendLine(CultureInfo.InvariantCulture, $"Membership table marked it Dead {S(declaredDead - killedAt)} after the kill.")
            .AppendLine(CultureInfo.InvariantCulture, $"Last failed attempt on a live silo: {(stalled.Count > 0 ? S(deliveries.SelectMany(d => d.Attempts).Where(a => !a.Succeeded && !a.SiloUnreachable && a.EndedAt >= killedAt).Max(a => a.EndedAt) - killedAt) : "none")} after the kill.");
        if (stalled.Count > 0)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"Failover: {stalled.Count} requests for the killed silo's customers were acknowledged {S(stalled[0])} to {S(stalled[^1])} after the kill (median {S(stalled[stalled.Count / 2])}).");
        }
        else
        {
            report.AppendLine("Failover: no request for a live silo failed after the kill.");
        }

        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
    }
}
