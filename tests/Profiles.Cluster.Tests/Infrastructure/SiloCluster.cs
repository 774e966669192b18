using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Profiles.Testing.Azurite;
using Profiles.Testing.Ports;

namespace Profiles.Cluster.Tests.Infrastructure;

/// <summary>
/// Azurite (persisted to disk) and N host processes forming one cluster on Azure Table membership and storage, with
/// failure detection tuned so that a killed silo is declared dead within seconds.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    public const string WriteKey = "wk_cluster_tests";
    public const string AgentKey = "agent_cluster_tests";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly AzuriteInstance _azurite;
    private readonly int _size;
    private readonly string _clusterId = $"cluster-{Guid.NewGuid():N}"[..16];
    private readonly List<SiloProcess> _silos = [];
    private readonly IReadOnlyDictionary<string, string> _settings;

    private SiloCluster(AzuriteInstance azurite, int size, IReadOnlyDictionary<string, string>? settings)
    {
        _azurite = azurite;
        _size = size;
        _settings = settings ?? new Dictionary<string, string>();
    }

    /// <summary>For readiness probes and the tests' requests: no connection pooling surprises after a kill.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
    })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>The host processes of the current generation (after <see cref="RestartAllAsync"/>, the new ones).</summary>
    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>
    /// Starts Azurite and <paramref name="size"/> hosts, and waits until every host answers; <paramref name="settings"/>
    /// are added to (or override) every host's.
    /// </summary>
    public static async Task<SiloCluster> StartAsync(int size, IReadOnlyDictionary<string, string>? settings = null)
    {
        var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions { PersistToDisk = true });
        var cluster = new SiloCluster(azurite, size, settings);
        try
        {
            await cluster.StartSilosAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops every host gracefully (SIGTERM) and starts a new process for each on the same storage.</summary>
    public async Task<IReadOnlyList<int>> RestartAllAsync()
    {
        var exitCodes = await Task.WhenAll(_silos.Select(s => s.StopAsync(StopTimeout)));
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _silos.Clear();
        await StartSilosAsync();
        return exitCodes;
    }

    /// <summary>
    /// Polls the membership table until the survivors have marked <paramref name="silo"/> <c>Dead</c>; returns when
    /// (on <paramref name="clock"/>) that was first seen.
    /// </summary>
    public async Task<TimeSpan> WaitUntilDeclaredDeadAsync(SiloProcess silo, Stopwatch clock, TimeSpan timeout)
    {
        var table = new TableClient(_azurite.ConnectionString, "OrleansSiloInstances");
        var port = silo.SiloPort.ToString(CultureInfo.InvariantCulture);
        var giveUpAt = clock.Elapsed + timeout;
        while (clock.Elapsed < giveUpAt)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == _clusterId))
            {
                if (row.GetString("Port") == port && row.GetString("Status") == "Dead")
                {
                    return clock.Elapsed;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"{silo.Name} was not declared dead within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        _silos.Clear();
        await _azurite.DisposeAsync();
        Http.Dispose();
    }

    /// <summary>Sends one Segment call (given a fresh message id) to <paramref name="silo"/>'s <c>/v1/batch</c> with the write key; returns the status.</summary>
    public async Task<System.Net.HttpStatusCode> SendAsync(SiloProcess silo, System.Text.Json.Nodes.JsonObject call)
    {
        call["messageId"] = Guid.NewGuid().ToString("N");
        var body = new System.Text.Json.Nodes.JsonObject { ["batch"] = new System.Text.Json.Nodes.JsonArray(call) }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, "/v1/batch"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(WriteKey + ":")));
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Starts one more host in the cluster (with <paramref name="settings"/> over the cluster's) and waits until it answers.</summary>
    public async Task<SiloProcess> AddSiloAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var silo = SiloProcess.Start($"silo {_silos.Count + 1}", TestPorts.Reserve(), TestPorts.Reserve(), Settings(settings));
        _silos.Add(silo);
        await silo.WaitUntilAnsweringAsync(Http, AgentKey, StartTimeout);
        return silo;
    }

    private async Task StartSilosAsync()
    {
        for (var i = 0; i < _size; i++)
        {
            _silos.Add(SiloProcess.Start($"silo {i + 1}", TestPorts.Reserve(), TestPorts.Reserve(), Settings()));
        }

        await Task.WhenAll(_silos.Select(s => s.WaitUntilAnsweringAsync(Http, AgentKey, StartTimeout)));
    }

    private Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = AzureTableSiloSettings.For(_azurite.ConnectionString, _clusterId, WriteKey, AgentKey, "agent");
        foreach (var (key, value) in _settings.Concat(overrides ?? new Dictionary<string, string>())) settings[key] = value;
        return settings;
    }
}
