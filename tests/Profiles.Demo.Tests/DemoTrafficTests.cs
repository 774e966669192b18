using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Profiles.Demo.Sending;
using Profiles.Demo.Tests.Infrastructure;
using Profiles.Demo.Traffic;

namespace Profiles.Demo.Tests;

/// <summary>The demo's traffic against the real host, over its public ingest API only.</summary>
public sealed class DemoTrafficTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryEventTheDemoSendsIsAcceptedAndItsCustomersFillEveryLifecycleStage()
    {
        await using var host = new DemoHost();
        using var http = new HttpClient();
        var sender = new SegmentBatchSender(http, host.BaseAddress, DemoHost.WriteKey, NullLogger<SegmentBatchSender>.Instance);
        var answers = new List<BatchAnswer>();
        var liveBatches = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var traffic = new DemoTraffic(new DemoOptions { SeedCustomers = 150, EventsPerSecond = 400, RandomSeed = 7 }, sender, TimeProvider.System,
            NullLogger<DemoTraffic>.Instance)
        {
            Answered = (answer, totals) =>
            {
                answers.Add(answer);
                if (totals.Seeded && ++liveBatches >= 8) enough.TrySetResult();
            },
        };

        using var stop = new CancellationTokenSource();
        var run = traffic.RunAsync(stop.Token);
        await enough.Task.WaitAsync(Patience);
        await stop.CancelAsync();
        await run;

        Assert.All(answers, a => Assert.True(a.Rejected == 0 && a.Accepted + a.Duplicates == a.Events, $"rejected {a.Rejected} of {a.Events}: {a.FirstRejection}"));
        Assert.Equal(0, traffic.Totals.Duplicates);
        var stages = new[] { "prospect", "new", "active", "dormant", "churned" };
        var deadline = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        Dictionary<string, long>? lifecycle = null;
        // The statistics are merged every second; wait for the counts rather than for a fixed time.
        while (!stages.All(stage => (lifecycle ??= []).GetValueOrDefault(stage) > 0))
        {
            Assert.True(deadline.Elapsed < Patience, $"lifecycle stages counted: {string.Join(", ", lifecycle ?? [])}");
            await pace.WaitForNextTickAsync();
            lifecycle = await DemoHost.ClassCountsAsync(host.BaseAddress, DemoHost.OpsKey, "lifecycle");
        }
        Assert.True((await DemoHost.ClassCountsAsync(host.BaseAddress, DemoHost.OpsKey, "satisfaction")).GetValueOrDefault("unsatisfied") > 0);
    }
}
