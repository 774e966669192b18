using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Storage;

namespace Profiles.AzureStorage.Tests.Hosting;

public sealed class RegistrationTests
{
    [Fact]
    public void StorageAddedAsDefaultServesGrainsWithoutAProviderName()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            .Configure<ClusterOptions>(_ => { })
            .AddAzureTableGrainStorageAsDefault(o => o.ConnectionString = "UseDevelopmentStorage=true")
            .BuildServiceProvider();

        Assert.IsType<AzureTableGrainStorage>(services.GetRequiredService<IGrainStorage>());
        Assert.Same(services.GetRequiredService<IGrainStorage>(), services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public void StorageTakesPartInTheSiloLifecycleToCreateItsTable()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            .Configure<ClusterOptions>(_ => { })
            .AddAzureTableGrainStorage("profiles", o => o.ConnectionString = "UseDevelopmentStorage=true")
            .BuildServiceProvider();

        var participants = services.GetServices<ILifecycleParticipant<ISiloLifecycle>>();

        Assert.Contains(participants, p => ReferenceEquals(p, services.GetRequiredKeyedService<IGrainStorage>("profiles")));
    }

    [Fact]
    public void SerializerRegisteredUnderTheProviderNameWins()
    {
        var custom = new JsonGrainStorageSerializer(new OrleansJsonSerializer(Microsoft.Extensions.Options.Options.Create(new OrleansJsonSerializerOptions())));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSerializer()
            .Configure<ClusterOptions>(_ => { })
            .AddAzureTableGrainStorage("profiles", o => o.ConnectionString = "UseDevelopmentStorage=true");
        services.AddKeyedSingleton<IGrainStorageSerializer>("profiles", custom);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Profiles.AzureStorage.Providers.AzureTableGrainStorageOptions>>().Get("profiles");

        Assert.Same(custom, options.GrainStorageSerializer);
    }
}
