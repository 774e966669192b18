using System.Net;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Profiles.Abstractions.Grains;
using Profiles.AzureStorage.Storage;
using Profiles.Grains.Hosting;
using Profiles.Grains.Storage;

namespace Profiles.Host.Hosting;

/// <summary>Runs the Orleans silo inside the web host, with the clustering and storage the configuration asks for.</summary>
public static class SiloHostingExtensions
{
    public static WebApplicationBuilder AddProfilesSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The providers are chosen while the silo is built, before the container exists: bound and checked now, and
        // registered as well so that the same validators run at start like every other setting's.
        var clustering = builder.Configuration.GetValidated(ClusteringOptions.Section, new ClusteringOptionsValidator());
        var storage = builder.Configuration.GetValidated(StorageOptions.Section, new StorageOptionsValidator());
        builder.Services.AddValidatedOptions<ClusteringOptions, ClusteringOptionsValidator>(ClusteringOptions.Section);
        builder.Services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clustering.ClusterId;
                o.ServiceId = clustering.ServiceId;
            });
            UseClustering(silo, clustering, storage);
            if (clustering.Kubernetes) silo.UseKubernetesHosting();

            // Failure detection is tunable (Profiles:Clustering:Membership:ProbeTimeout, NumMissedProbesLimit, ...).
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{ClusteringOptions.Section}:Membership"));

            UseProfileStorage(silo, storage);
        });

        builder.Services.AddProfilesGrains();
        return builder;
    }

    /// <summary>Membership: on this machine (a seed silo and the silos that join it), or in Azure Tables for N machines.</summary>
    private static void UseClustering(ISiloBuilder silo, ClusteringOptions clustering, StorageOptions storage)
    {
        switch (clustering.Provider)
        {
            case ClusteringProvider.Localhost:
                var primary = clustering.PrimarySiloPort is { } port && port != clustering.SiloPort
                    ? new IPEndPoint(IPAddress.Loopback, port)
                    : null;
                silo.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort, primary, clustering.ServiceId, clustering.ClusterId);
                break;
            case ClusteringProvider.AzureTable:
                // The official membership table, with the storage section's client settings (fail fast).
                silo.UseProfilesAzureTableClustering(storage.Connection(clustering.ConnectionString, clustering.ServiceUri));
                ListenOnAdvertisedAddress(silo, clustering);
                break;
            default:
                throw new InvalidOperationException($"{ClusteringOptions.Section}:Provider {clustering.Provider} is not supported.");
        }
    }

    /// <summary>
    /// The cluster's own ports listen on the address the silo advertises (the pod's), not on every address of the machine:
    /// nothing but the other silos needs to reach them.
    /// </summary>
    private static void ListenOnAdvertisedAddress(ISiloBuilder silo, ClusteringOptions clustering)
    {
        if (clustering.Kubernetes && clustering.AdvertisedIPAddress is null)
        {
            // Kubernetes hosting advertises POD_IP; it would listen on every address unless told where.
            silo.Configure<EndpointOptions>(o =>
            {
                (o.SiloPort, o.GatewayPort) = (clustering.SiloPort, clustering.GatewayPort);
                if (IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var pod))
                {
                    o.SiloListeningEndpoint = new IPEndPoint(pod, clustering.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(pod, clustering.GatewayPort);
                }
            });
        }
        else if (clustering.AdvertisedIPAddress is { } advertised)
            silo.ConfigureEndpoints(IPAddress.Parse(advertised), clustering.SiloPort, clustering.GatewayPort, listenOnAnyHostAddress: false);
        else
            silo.ConfigureEndpoints(clustering.SiloPort, clustering.GatewayPort, listenOnAnyHostAddress: false);
    }

    /// <summary>The grain storage of customers and the service's other grains (<c>profiles</c>): in memory, or Azure Tables.</summary>
    private static void UseProfileStorage(ISiloBuilder silo, StorageOptions storage)
    {
        switch (storage.Provider)
        {
            case StorageProvider.Memory:
                // States kept as the bytes of Orleans' binary serializer, as on Azure Tables (the default JSON one
                // skips private [Id] fields, which would make a reloaded customer forget the message ids it
                // applied), without Orleans' memory storage grains: no grain call and deep copy per write.
                silo.Services.AddGrainStorage(StorageNames.Profiles, (services, _) => new SerializedMemoryGrainStorage(
                    services.GetRequiredService<Serializer>(), services.GetRequiredService<Orleans.Serialization.Session.SerializerSessionPool>(),
                    services.GetRequiredService<IActivatorProvider>()));
                break;
            case StorageProvider.AzureTable:
                // The official grain storage, guarded (safe keys, write metric, a clear error for a state over the
                // row limit). Cleared state (fired time buckets, erased customers) is deleted rather than left as empty rows.
                silo.AddProfilesAzureTableGrainStorage(StorageNames.Profiles, storage.Connection(), o => o.DeleteStateOnClear = true);
                break;
            default:
                throw new InvalidOperationException($"{StorageOptions.Section}:Provider {storage.Provider} is not supported.");
        }
    }
}
