using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Profiles.Cluster.Tests.Infrastructure;
using Profiles.Testing.Azurite;
using Profiles.Testing.Ports;

namespace Profiles.Deploy.Tests.Shutdown;

/// <summary>
/// Three host processes on Azure Table membership and storage (Azurite), restarted one after the other with SIGTERM —
/// as a Kubernetes rolling update does — while a client streams orders and retries each unacknowledged batch with the
/// same message ids.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const string WriteKey = "wk_deploy_tests";
    private const string AdminKey = "admin_deploy_tests";
    private const int Customers = 24;
    private const int Senders = 2;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _clusterId = $"rolling-{Guid.NewGuid():N}"[..16];

    [Fact]
    public async Task ARollingRestartOfThreeSilosLosesNoAcknowledgedEventAndCountsNoneTwice()
    {
        var clock = Stopwatch.StartNew();
        await using var azurite = await AzuriteInstance.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromSeconds(10) })
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
        var silos = new SiloProcess[3];
        try
        {
            for (var i = 0; i < silos.Length; i++) silos[i] = Start(azurite, $"silo {i + 1}");
            await Task.WhenAll(silos.Select(s => WaitUntilReadyAsync(http, s)));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: three silos ready");

            var addresses = silos.Select(s => s.BaseAddress).ToArray();
            var stream = new EventStream(http, () => Volatile.Read(ref addresses), WriteKey, Customers, _clusterId);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(() => stream.RunAsync(stop.Token))).ToArray();
            await WaitForProgressAsync(stream, senders, 100);

            // As a Deployment with maxSurge 1 and maxUnavailable 0 does it: start the replacement, wait until it is
            // ready, take the old silo out of the client's list (the Service's endpoints), then SIGTERM it while
            // requests it accepted are still in flight.
            for (var i = 0; i < silos.Length; i++)
            {
                var old = silos[i];
                var replacement = Start(azurite, $"silo {i + 1}'");
                await WaitUntilReadyAsync(http, replacement);
                silos[i] = replacement;
                Volatile.Write(ref addresses, silos.Select(s => s.BaseAddress).ToArray());
                output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {replacement.Name} ready");

                var stopping = Stopwatch.StartNew();
                var exitCode = await old.StopAsync(StopTimeout);
                output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {old.Name} stopped by SIGTERM in {stopping.Elapsed.TotalSeconds:F1} s, exit code {exitCode}; acknowledged so far {stream.Acknowledged}");
                Assert.True(exitCode == 0, $"{old.Name} exited with {exitCode}:{Environment.NewLine}{old.RecentOutput}");
                await old.DisposeAsync();
                await WaitForProgressAsync(stream, senders, stream.Acknowledged + 50);
            }

            await stop.CancelAsync();
            await Task.WhenAll(senders);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: sent {stream.Sent} events, acknowledged {stream.Acknowledged}, " +
                $"{stream.Attempts} requests of which {stream.FailedAttempts} failed and were retried, {stream.DuplicatesReported} events reported as duplicates");

            Assert.Equal(stream.Sent, stream.Acknowledged);
            Assert.True(stream.FailedAttempts < stream.Attempts / 10, "a graceful stop fails few requests: clients retry rarely");
            foreach (var (customer, acknowledged) in stream.AcknowledgedByCustomer)
            {
                var profile = await ReadProfileAsync(http, silos[0].BaseAddress, customer);
                Assert.Equal(acknowledged, profile["orders"]!["lifetime"]!.GetValue<int>());
                Assert.Equal(acknowledged, profile["eventsApplied"]!.GetValue<long>());
            }
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: every customer's profile counts exactly its acknowledged orders");
        }
        finally
        {
            await Task.WhenAll(silos.Where(s => s is not null).Select(s => s.DisposeAsync().AsTask()));
        }
    }

    private SiloProcess Start(AzuriteInstance azurite, string name)
    {
        var settings = AzureTableSiloSettings.For(azurite.ConnectionString, _clusterId, WriteKey, AdminKey, "admin");
        settings["Profiles:Operations:ShutdownTimeout"] = "00:00:20";
        return SiloProcess.Start(name, TestPorts.Reserve(), TestPorts.Reserve(), settings);
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, SiloProcess silo)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (silo.HasExited) throw new InvalidOperationException($"{silo.Name} exited while starting:{Environment.NewLine}{silo.RecentOutput}");
            try
            {
                using var response = await http.GetAsync(new Uri(silo.BaseAddress, "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (waited.Elapsed > ReadyTimeout) throw new TimeoutException($"{silo.Name} was not ready within {ReadyTimeout}:{Environment.NewLine}{silo.RecentOutput}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitForProgressAsync(EventStream stream, Task[] senders, long acknowledged)
    {
        while (stream.Acknowledged < acknowledged)
        {
            if (senders.FirstOrDefault(s => s.IsFaulted) is { } failed) await failed;
            await Task.Delay(50);
        }
    }

    private static async Task<JsonNode> ReadProfileAsync(HttpClient http, Uri silo, string customer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo, $"/api/customers/{Uri.EscapeDataString(customer)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
