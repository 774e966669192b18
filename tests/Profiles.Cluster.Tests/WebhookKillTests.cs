using System.Net;
using System.Text.Json.Nodes;
using Profiles.Cluster.Tests.Infrastructure;
using Profiles.Testing.Webhooks;

namespace Profiles.Cluster.Tests;

/// <summary>
/// A host process killed (SIGKILL) right after a profile write whose change it had not yet handed to the webhook outbox:
/// the change is recorded with the write, so the cluster still delivers it.
/// </summary>
public sealed class WebhookKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AChangeWrittenJustBeforeTheSiloIsKilledIsStillDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await SiloCluster.StartAsync(1, new Dictionary<string, string>
        {
            ["Profiles:Webhooks:Endpoints:0:Name"] = "crm",
            ["Profiles:Webhooks:Endpoints:0:Url"] = receiver.Url.ToString(),
            ["Profiles:Webhooks:Endpoints:0:Secret"] = "kill-secret",
            ["Profiles:Webhooks:Endpoints:0:Dimensions:0"] = "nps",
            ["Profiles:Webhooks:InitialRetryDelay"] = "00:00:00.100",
            ["Profiles:Webhooks:MaxRetryDelay"] = "00:00:01",
            ["Profiles:Webhooks:WakeInterval"] = "00:00:01",
            // The held delivery must outlast the test's steps, so the outbox stays busy with it until the kill.
            ["Profiles:Webhooks:RequestTimeout"] = "00:05:00",
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var victim = cluster.Silos[0];
        var run = Guid.NewGuid().ToString("N")[..8];
        var first = $"first-{run}";
        var second = $"second-{run}";

        // The receiver hangs on the first delivery: the outbox (on the victim, the only silo when it was first called)
        // handles one call at a time, so the second customer's change cannot reach it before the kill.
        receiver.Hold();
        Assert.Equal(HttpStatusCode.OK, await SurveyAsync(cluster, victim, first));
        await receiver.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
        var survivor = await cluster.AddSiloAsync();
        Assert.Equal(HttpStatusCode.OK, await SurveyAsync(cluster, victim, second));

        await victim.KillAsync();
        receiver.Release();
        var killedAt = clock.Elapsed;
        output.WriteLine($"Killed {victim.Name} at {killedAt.TotalSeconds:0.0} s, after the second write was acknowledged; {survivor.Name} carries on.");

        // The first change was in the outbox, the second only in its customer's row: the customer is woken (its time
        // bucket entry is stored with the write) and hands it over from the survivor.
        List<(System.Text.Json.JsonElement Change, byte[] Body, string Signature)> seen;
        try
        {
            seen = await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == second, timeout: TimeSpan.FromMinutes(3));
        }
        catch
        {
            output.WriteLine(survivor.RecentOutput);
            throw;
        }
        output.WriteLine($"The second customer's change was delivered {(clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill.");
        Assert.Contains(seen, s => s.Change.GetProperty("customerId").GetString() == second && s.Change.GetProperty("newClass").GetString() == "detractor");
        if (!seen.Exists(s => s.Change.GetProperty("customerId").GetString() == first))
            seen = await receiver.WaitForAsync(c => c.GetProperty("customerId").GetString() == first, seen, TimeSpan.FromMinutes(1));
        Assert.Contains(seen, s => s.Change.GetProperty("customerId").GetString() == first);
    }

    private static Task<HttpStatusCode> SurveyAsync(SiloCluster cluster, SiloProcess silo, string userId) =>
        cluster.SendAsync(silo, new JsonObject
        {
            ["type"] = "track",
            ["userId"] = userId,
            ["event"] = "Survey Responded",
            ["properties"] = new JsonObject { ["nps"] = 1 },
        });
}
