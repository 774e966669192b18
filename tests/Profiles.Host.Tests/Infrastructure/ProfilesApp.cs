using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Domain.Profiles;
using Profiles.Grains.Hosting;
using Profiles.Testing.Ports;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>
/// The real host (web API, hub and silo) on Kestrel on a free port, with test keys, its own silo ports and in-memory
/// storage. Give <see cref="PrimarySiloPort"/> of another app to join its cluster.
/// </summary>
public sealed class ProfilesApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly TimeProvider? _time;

    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Replaces services after the host registered its own (a storage that fails on demand, say).</param>
    public ProfilesApp(
        string? clusterId = null, int? primarySiloPort = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        _time = time;
        _services = services;
        SiloPort = TestPorts.Reserve();
        ClusterId = clusterId ?? $"test-{Guid.NewGuid():N}";
        _settings = new Dictionary<string, string?>
        {
            ["Profiles:Auth:WriteKeys:0"] = TestKeys.Write,
            ["Profiles:Auth:ApiKeys:0:Key"] = TestKeys.Agent,
            ["Profiles:Auth:ApiKeys:0:Role"] = "agent",
            ["Profiles:Auth:ApiKeys:1:Key"] = TestKeys.Ops,
            ["Profiles:Auth:ApiKeys:1:Role"] = "ops",
            ["Profiles:Auth:ApiKeys:2:Key"] = TestKeys.Admin,
            ["Profiles:Auth:ApiKeys:2:Role"] = "admin",
            ["Profiles:Clustering:ClusterId"] = ClusterId,
            ["Profiles:Clustering:SiloPort"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Profiles:Clustering:GatewayPort"] = TestPorts.Reserve().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Profiles:Clustering:PrimarySiloPort"] = (primarySiloPort ?? SiloPort).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
    }

    public int SiloPort { get; }

    public string ClusterId { get; }

    /// <summary>The server's base address (http://127.0.0.1:port).</summary>
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
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        // Only the profiles' clock moves: Orleans' own membership and timers stay on real time.
        if (_time is { } time) builder.ConfigureServices(services => services.AddSingleton(new ProfileClock(time)));
        if (_services is { } replace) builder.ConfigureServices(replace);
    }

    /// <summary>A client that sends the write key in HTTP Basic, as Segment SDKs do.</summary>
    public HttpClient WriteClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));
        return client;
    }

    /// <summary>A client that sends an API key as a bearer token.</summary>
    public HttpClient ApiClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A started SignalR connection to the hub with <paramref name="key"/>, collecting every ProfileChanged.</summary>
    public async Task<HubClient> ConnectAsync(string key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/profiles"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
