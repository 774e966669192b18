using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Profiles.Testing.Ports;

namespace Profiles.Benchmarks;

/// <summary>
/// The real Profiles host (web API and silo) in this process, on Kestrel, with one silo and Azure Table storage: the
/// same ingest pipeline, customer grain and storage provider as in production, and its storage meter readable here.
/// Without a connection string it runs on the host's in-memory grain storage (same Orleans binary serializer).
/// </summary>
internal sealed class BenchmarkHost(string? storageConnectionString) : WebApplicationFactory<Program>
{
    public const string WriteKey = "wk_benchmark";
    public const string AgentKey = "agent_benchmark";
    public const string OpsKey = "ops_benchmark";

    private readonly int _httpPort = TestPorts.Reserve();

    public Uri BaseAddress => new($"http://127.0.0.1:{_httpPort}");

    /// <summary>Starts the host (the silo first, then Kestrel).</summary>
    public void Start()
    {
        // Outside a test project the factory cannot work out the host's content root; the build output has its files.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PROFILES_HOST", AppContext.BaseDirectory);
        UseKestrel(_httpPort);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Benchmark");
        var settings = new Dictionary<string, string>
        {
            ["Profiles:Storage:Provider"] = storageConnectionString is null ? "Memory" : "AzureTable",
            ["Profiles:Clustering:Provider"] = "Localhost",
            ["Profiles:Clustering:SiloPort"] = Port(),
            ["Profiles:Clustering:GatewayPort"] = Port(),
            ["Profiles:Clustering:ClusterId"] = "benchmark",
            ["Profiles:Auth:WriteKeys:0"] = WriteKey,
            ["Profiles:Auth:ApiKeys:0:Key"] = AgentKey,
            ["Profiles:Auth:ApiKeys:0:Role"] = "agent",
            ["Profiles:Auth:ApiKeys:1:Key"] = OpsKey,
            ["Profiles:Auth:ApiKeys:1:Role"] = "ops",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (storageConnectionString is not null) settings["Profiles:Storage:ConnectionString"] = storageConnectionString;
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static string Port() => TestPorts.Reserve().ToString(CultureInfo.InvariantCulture);

}
