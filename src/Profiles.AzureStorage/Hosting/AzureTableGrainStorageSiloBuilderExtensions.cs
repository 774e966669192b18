using Microsoft.Extensions.Options;
using Orleans.Providers;
using Profiles.AzureStorage.Providers;
using Profiles.AzureStorage.Storage;

namespace Orleans.Hosting;

/// <summary><see cref="ISiloBuilder"/> registration of <see cref="AzureTableGrainStorage"/>.</summary>
public static class AzureTableGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds Azure Table grain storage as the default grain storage.</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<AzureTableGrainStorageOptions> configureOptions) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds Azure Table grain storage as the default grain storage, configured through an <see cref="OptionsBuilder{TOptions}"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null) =>
        builder.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds Azure Table grain storage under <paramref name="name"/> (the name grains give in <c>[PersistentState(stateName, name)]</c>).</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableGrainStorageOptions> configureOptions) =>
        builder.ConfigureServices(services => services.AddAzureTableGrainStorage(name, configureOptions));

    /// <summary>Adds Azure Table grain storage under <paramref name="name"/>, configured through an <see cref="OptionsBuilder{TOptions}"/>.</summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null) =>
        builder.ConfigureServices(services => services.AddAzureTableGrainStorage(name, configureOptions));
}
