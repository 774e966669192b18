using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Connection;
using Profiles.AzureStorage.Tests.Infrastructure;

namespace Profiles.AzureStorage.Tests.Storage;

/// <summary>
/// The grain storage as the host registers it — the official Azure Table provider inside the guard, same registration —
/// without a silo, on a fresh table; its start runs through the silo lifecycle as in a silo.
/// </summary>
internal sealed class GrainStorageHarness : IAsyncDisposable
{
    public const string ProviderName = "profiles";

    private readonly ServiceProvider _services;

    private GrainStorageHarness(ServiceProvider services, IGrainStorage storage, AzureTableStorageOptions options, string serviceId)
    {
        _services = services;
        Storage = storage;
        Options = options;
        ServiceId = serviceId;
    }

    public IGrainStorage Storage { get; }

    public AzureTableStorageOptions Options { get; }

    public string ServiceId { get; }

    public IServiceProvider Services => _services;

    public static Task<GrainStorageHarness> CreateAsync(string connectionString, Action<AzureTableStorageOptions>? configure = null) =>
        CreateAsync(new AzureTableConnection { ConnectionString = connectionString }, configure);

    public static async Task<GrainStorageHarness> CreateAsync(AzureTableConnection connection, Action<AzureTableStorageOptions>? configure = null)
    {
        var serviceId = TestNames.Id("svc");
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TestState).Assembly))
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (TestNames.Id("cluster"), serviceId));
        new TestSiloBuilder(services).AddProfilesAzureTableGrainStorage(ProviderName, connection, o =>
        {
            o.TableName = TestNames.Table("GrainState");
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();

        foreach (var validator in provider.GetServices<IConfigurationValidator>())
        {
            validator.ValidateConfiguration();
        }

        var lifecycle = new TestSiloLifecycle();
        foreach (var participant in provider.GetServices<ILifecycleParticipant<ISiloLifecycle>>())
        {
            participant.Participate(lifecycle);
        }

        await lifecycle.StartAsync();
        var storage = provider.GetRequiredKeyedService<IGrainStorage>(ProviderName);
        var options = provider.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(ProviderName);
        return new GrainStorageHarness(provider, storage, options, serviceId);
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
