using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Connection;
using Profiles.AzureStorage.Storage;
using Profiles.AzureStorage.Tests.Infrastructure;

namespace Profiles.AzureStorage.Tests.Hosting;

public sealed class RegistrationTests
{
    private static readonly AzureTableConnection Development = new() { ConnectionString = "UseDevelopmentStorage=true" };

    [Fact]
    public void TheStorageIsTheOfficialProviderInsideTheGuard()
    {
        using var services = Build(silo => silo.AddProfilesAzureTableGrainStorage("profiles", Development));

        var storage = Assert.IsType<GuardedGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("profiles"));

        Assert.IsType<AzureTableGrainStorage>(storage.Inner);
    }

    [Fact]
    public void TheGuardTakesPartInTheSiloLifecycleSoTheOfficialProviderCreatesItsTable()
    {
        using var services = Build(silo => silo.AddProfilesAzureTableGrainStorage("profiles", Development));

        var participants = services.GetServices<ILifecycleParticipant<ISiloLifecycle>>();

        Assert.Contains(participants, p => ReferenceEquals(p, services.GetRequiredKeyedService<IGrainStorage>("profiles")));
    }

    [Fact]
    public void StateIsWrittenWithOrleansBinarySerializerAndTheConfiguredClient()
    {
        using var services = Build(silo => silo.AddProfilesAzureTableGrainStorage("profiles", Development, o => o.DeleteStateOnClear = true));

        var options = services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get("profiles");

        Assert.IsType<PooledBinaryGrainStorageSerializer>(options.GrainStorageSerializer);
        Assert.NotNull(options.TableServiceClient);
        Assert.True(options.DeleteStateOnClear);
        Assert.Equal(AzureTableStorageOptions.DEFAULT_TABLE_NAME, options.TableName);
    }

    [Fact]
    public void ASerializerRegisteredUnderTheProviderNameWins()
    {
        var custom = new JsonGrainStorageSerializer(new OrleansJsonSerializer(Options.Create(new OrleansJsonSerializerOptions())));
        using var services = Build(silo =>
        {
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer>("profiles", custom);
            silo.AddProfilesAzureTableGrainStorage("profiles", Development);
        });

        var options = services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get("profiles");

        Assert.Same(custom, options.GrainStorageSerializer);
    }

    [Fact]
    public void TheOfficialValidatorAcceptsTheConfiguredClient()
    {
        using var services = Build(silo => silo.AddProfilesAzureTableGrainStorage("profiles", Development));

        foreach (var validator in services.GetServices<IConfigurationValidator>()) validator.ValidateConfiguration();
    }

    private static ServiceProvider Build(Action<ISiloBuilder> configure)
    {
        var services = new ServiceCollection().AddLogging().AddSerializer().Configure<ClusterOptions>(_ => { });
        configure(new TestSiloBuilder(services));
        return services.BuildServiceProvider();
    }
}
