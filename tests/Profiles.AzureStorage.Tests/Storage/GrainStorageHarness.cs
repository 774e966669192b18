using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Providers;
using Profiles.AzureStorage.Storage;

namespace Profiles.AzureStorage.Tests.Storage;

/// <summary>The grain storage as a silo would build it (same registration), without a silo, on a fresh table.</summary>
internal sealed class GrainStorageHarness : IAsyncDisposable
{
    public const string ProviderName = "profiles";

    private readonly ServiceProvider _services;

    private GrainStorageHarness(ServiceProvider services, AzureTableGrainStorage storage, AzureTableGrainStorageOptions options, string serviceId)
    {
        _services = services;
        Storage = storage;
        Options = options;
        ServiceId = serviceId;
    }

    public AzureTableGrainStorage Storage { get; }

    public AzureTableGrainStorageOptions Options { get; }

    public string ServiceId { get; }

    public IServiceProvider Services => _services;

    public static async Task<GrainStorageHarness> CreateAsync(string connectionString, Action<AzureTableGrainStorageOptions>? configure = null)
    {
        var serviceId = TestNames.Id("svc");
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TestState).Assembly))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (TestNames.Id("cluster"), serviceId))
            .AddAzureTableGrainStorage(ProviderName, o =>
            {
                o.ConnectionString = connectionString;
                o.TableName = TestNames.Table("GrainState");
                configure?.Invoke(o);
            })
            .BuildServiceProvider();

        foreach (var validator in services.GetServices<IConfigurationValidator>())
        {
            validator.ValidateConfiguration();
        }

        var storage = (AzureTableGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        await storage.InitializeAsync(CancellationToken.None);
        var options = services.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(ProviderName);
        return new GrainStorageHarness(services, storage, options, serviceId);
    }

    public static GrainId NewGrainId(string? key = null) => GrainId.Create("testgrain", key ?? Guid.NewGuid().ToString("N"));

    public async Task<GrainState<TestState>> ReadAsync(GrainId grainId, string stateName = "state")
    {
        var state = new GrainState<TestState>();
        await Storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
