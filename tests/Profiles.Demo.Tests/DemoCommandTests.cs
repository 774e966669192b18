using System.Diagnostics;
using System.Globalization;
using Profiles.Demo.Tests.Infrastructure;
using Profiles.Testing.Ports;

namespace Profiles.Demo.Tests;

/// <summary>The README's demo command: with nothing else to do, a new user gets a living service, and stopping the demo stops it.</summary>
public sealed class DemoCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task WithoutAUrlTheDemoStartsTheServiceWithKeysItPrintsFillsItAndStopsItWhenStopped()
    {
        var port = TestPorts.Reserve();
        // The service's silo ports from the test range too: the defaults may be taken by another host on this machine.
        var environment = new Dictionary<string, string>
        {
            ["Profiles__Clustering__SiloPort"] = TestPorts.Reserve().ToString(CultureInfo.InvariantCulture),
            ["Profiles__Clustering__GatewayPort"] = TestPorts.Reserve().ToString(CultureInfo.InvariantCulture),
        };
        await using var demo = DemoProcess.Start(
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--seed-customers", "60", "--random-seed", "3"], environment);
        var service = new Uri($"http://localhost:{port}/");

        var opsKey = await demo.OpsKey.WaitAsync(Patience);
        var servicePid = await demo.ServiceProcessId.WaitAsync(Patience);
        var deadline = Stopwatch.StartNew();
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while ((await DemoHost.ClassCountsAsync(service, opsKey, "lifecycle")).Values.Sum() < 60)
        {
            Assert.True(deadline.Elapsed < Patience, $"the dashboard's counts did not fill:{Environment.NewLine}{demo.Output}");
            await pace.WaitForNextTickAsync();
        }

        Assert.Equal(0, await demo.StopAsync(Patience));
        Assert.True(HasExited(servicePid), $"the service the demo started is still running:{Environment.NewLine}{demo.Output}");
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(service, "/health/live")));
    }

    private static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
