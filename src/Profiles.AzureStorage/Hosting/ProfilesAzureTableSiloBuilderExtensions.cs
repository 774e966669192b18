using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Profiles.AzureStorage.Connection;
using Profiles.AzureStorage.Storage;

namespace Orleans.Hosting;

/// <summary>
/// Grain storage and membership on Azure Table storage through the official Orleans providers
/// (<c>AddAzureTableGrainStorage</c>, <c>UseAzureStorageClustering</c>), with the client Profiles builds for them and the
/// additions of <see cref="GuardedGrainStorage"/>.
/// </summary>
public static class ProfilesAzureTableSiloBuilderExtensions
{
    /// <summary>
    /// Adds the official Azure Table grain storage under <paramref name="name"/>, reached through
    /// <paramref name="connection"/>, wrapped in <see cref="GuardedGrainStorage"/>.
    /// </summary>
    /// <remarks>
    /// State is written with Orleans' binary serializer (<see cref="PooledBinaryGrainStorageSerializer"/>, the format of
    /// <see cref="OrleansGrainStorageSerializer"/>) unless another
    /// <see cref="IGrainStorageSerializer"/> is registered as a keyed service under <paramref name="name"/>: it is compact,
    /// version tolerant, what the state types are annotated for, and what every row Profiles stored so far holds (the
    /// silo-wide default, JSON, would skip private <c>[Id]</c> fields).
    /// </remarks>
    public static ISiloBuilder AddProfilesAzureTableGrainStorage(
        this ISiloBuilder builder, string name, AzureTableConnection connection, Action<AzureTableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(connection);

        builder.AddAzureTableGrainStorage(name, options =>
        {
            options.TableServiceClient = connection.CreateServiceClient();
            configure?.Invoke(options);
        });
        builder.Services.TryAddKeyedSingleton<IGrainStorageSerializer>(name, (sp, _) => new PooledBinaryGrainStorageSerializer(sp.GetRequiredService<Serializer>()));

        // The official registration's keyed storage gives way to the guard, which creates the official one inside; the
        // lifecycle participant Orleans registered resolves the keyed storage, so the guard forwards Participate.
        builder.Services.RemoveAll(descriptor => descriptor.ServiceType == typeof(IGrainStorage) && Equals(descriptor.ServiceKey, name));
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new GuardedGrainStorage(
            name,
            AzureTableGrainStorageFactory.Create(sp, name),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<ILogger<GuardedGrainStorage>>()));
        return builder;
    }

    /// <summary>Keeps cluster membership in the official Azure Table membership table, reached through <paramref name="connection"/>.</summary>
    public static ISiloBuilder UseProfilesAzureTableClustering(
        this ISiloBuilder builder, AzureTableConnection connection, Action<Orleans.Clustering.AzureStorage.AzureStorageClusteringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = connection.CreateServiceClient();
            configure?.Invoke(options);
        });
    }

    /// <summary>Makes a client find the gateways in the official Azure Table membership table, reached through <paramref name="connection"/>.</summary>
    public static IClientBuilder UseProfilesAzureTableClustering(
        this IClientBuilder builder, AzureTableConnection connection, Action<Orleans.Clustering.AzureStorage.AzureStorageGatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return builder.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = connection.CreateServiceClient();
            configure?.Invoke(options);
        });
    }

    private static void RemoveAll(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (match(services[i])) services.RemoveAt(i);
        }
    }
}
