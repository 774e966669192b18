using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Providers;
using Profiles.AzureStorage.Storage;

namespace Orleans.Hosting;

/// <summary><see cref="IServiceCollection"/> registration of <see cref="AzureTableGrainStorage"/>.</summary>
public static class AzureTableGrainStorageServiceCollectionExtensions
{
    /// <summary>Adds Azure Table grain storage as the default grain storage.</summary>
    public static IServiceCollection AddAzureTableGrainStorageAsDefault(this IServiceCollection services, Action<AzureTableGrainStorageOptions> configureOptions) =>
        services.AddAzureTableGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds Azure Table grain storage under <paramref name="name"/>.</summary>
    public static IServiceCollection AddAzureTableGrainStorage(this IServiceCollection services, string name, Action<AzureTableGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return services.AddAzureTableGrainStorage(name, builder => builder.Configure(configureOptions));
    }

    /// <summary>
    /// Adds Azure Table grain storage under <paramref name="name"/>, configured through an <see cref="OptionsBuilder{TOptions}"/>
    /// (e.g. <c>ob => ob.BindConfiguration("Storage")</c>).
    /// </summary>
    /// <remarks>
    /// Unless <see cref="AzureTableGrainStorageOptions.GrainStorageSerializer"/> is set, or another <see cref="IGrainStorageSerializer"/>
    /// is registered as a keyed service under <paramref name="name"/>, state is written with Orleans' binary serializer
    /// (<see cref="OrleansGrainStorageSerializer"/>): compact, version tolerant, and what the state types are annotated for.
    /// </remarks>
    public static IServiceCollection AddAzureTableGrainStorage(this IServiceCollection services, string name, Action<OptionsBuilder<AzureTableGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        configureOptions?.Invoke(services.AddOptions<AzureTableGrainStorageOptions>(name));
        services.TryAddKeyedSingleton<IGrainStorageSerializer>(name, (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));
        services.AddTransient<IPostConfigureOptions<AzureTableGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<AzureTableGrainStorageOptions>>();
        services.AddTransient<IConfigurationValidator>(sp => new AzureTableGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<AzureTableGrainStorageOptions>>().Get(name), name));
        return services.AddGrainStorage(name, AzureTableGrainStorageFactory.Create);
    }
}
