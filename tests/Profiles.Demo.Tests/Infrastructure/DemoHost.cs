using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Testing.Ports;

namespace Profiles.Demo.Tests.Infrastructure;

/// <summary>The real Profiles host on Kestrel on a free port, with a write key, an ops key and in-memory storage.</summary>
public sealed class DemoHost : WebApplicationFactory<global::Program>
{
    public const string WriteKey = "demo-tests-write-key";
    public const string OpsKey = "demo-tests-ops-key";

    public DemoHost() => UseKestrel(0);

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var siloPort = TestPorts.Reserve();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Profiles:Auth:WriteKeys:0", WriteKey);
        builder.UseSetting("Profiles:Auth:ApiKeys:0:Key", OpsKey);
        builder.UseSetting("Profiles:Auth:ApiKeys:0:Role", "ops");
        builder.UseSetting("Profiles:Clustering:ClusterId", $"demo-{Guid.NewGuid():N}");
        builder.UseSetting("Profiles:Clustering:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Profiles:Clustering:GatewayPort", TestPorts.Reserve().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Profiles:Clustering:PrimarySiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Customers per class of <paramref name="dimension"/>, from the statistics the dashboard reads.</summary>
    public static async Task<Dictionary<string, long>> ClassCountsAsync(Uri service, string opsKey, string dimension)
    {
        using var http = new HttpClient { BaseAddress = service };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", opsKey);
        var counts = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/stats/classes", UriKind.Relative)))!["classes"]?[dimension]?.AsObject();
        return counts?.ToDictionary(c => c.Key, c => (long)c.Value!) ?? [];
    }
}
