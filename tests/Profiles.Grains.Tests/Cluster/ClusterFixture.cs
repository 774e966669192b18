using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Hosting;
using Profiles.Grains.Realtime;

namespace Profiles.Grains.Tests.Cluster;

/// <summary>
/// One in-process silo with what the grains need: <c>AddProfilesGrains</c>, the profile storage (memory storage behind a
/// <see cref="StorageProbe"/>) and a <see cref="TestClock"/>; plus a client. Shared by every test of the collection.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>How long a test waits for something that should happen at once.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const string MemoryStorage = "profiles-memory";

    private InProcessTestCluster? _cluster;

    public TestClock Clock { get; } = new();

    public StorageProbe Storage { get; } = new();

    public CallProbe Calls { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public InProcessSiloHandle PrimarySilo => Cluster.Silos[0];

    /// <summary>The change relay of the primary silo.</summary>
    public ChangeRelay Relay => PrimarySilo.ServiceProvider.GetRequiredService<ChangeRelay>();

    public IChangeObserverRegistryGrain Registry => Client.GetGrain<IChangeObserverRegistryGrain>(0);

    public ICustomerGrain Customer(string customerId) => Client.GetGrain<ICustomerGrain>(customerId);

    /// <summary>
    /// Registers a fresh observer as the primary silo's, as the host does every few seconds, and makes the relay read
    /// the registry now instead of at its next refresh.
    /// </summary>
    public async Task<RecordingObserver> ObserveChangesAsync(RecordingObserver? observer = null)
    {
        observer ??= new RecordingObserver();
        var reference = Client.CreateObjectReference<IProfileChangeObserver>(observer);
        await Registry.RegisterAsync(PrimarySilo.SiloAddress, reference);
        await Relay.RefreshObserversAsync();
        return observer;
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Orleans' binary serializer, as the Azure Table storage of a deployment uses: the profile's state types
            // are annotated for it (the default JSON storage serializer skips private [Id] fields).
            silo.AddMemoryGrainStorage(MemoryStorage, options => options.Configure<Serializer>(
                (memory, serializer) => memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
            silo.Services.AddGrainStorage(StorageNames.Profiles, (services, _) =>
                new ProbedGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage), Storage));
            silo.AddIncomingGrainCallFilter(Calls);
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.Services.AddProfilesGrains();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
