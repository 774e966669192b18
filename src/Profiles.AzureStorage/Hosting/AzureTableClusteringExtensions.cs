using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Messaging;
using Orleans.Runtime;
using Profiles.AzureStorage.Membership;
using Profiles.AzureStorage.Providers;

namespace Orleans.Hosting;

/// <summary>Registration of Azure Table clustering for silos (<see cref="AzureTableMembershipTable"/>) and clients (<see cref="AzureTableGatewayListProvider"/>).</summary>
public static class AzureTableClusteringExtensions
{
    /// <summary>Makes the silo keep cluster membership in Azure Table storage.</summary>
    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<AzureTableClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.UseAzureTableClustering(ob => ob.Configure(configureOptions));
    }

    /// <summary>Makes the silo keep cluster membership in Azure Table storage, configured through an <see cref="OptionsBuilder{TOptions}"/>.</summary>
    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<OptionsBuilder<AzureTableClusteringOptions>>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            configureOptions?.Invoke(services.AddOptions<AzureTableClusteringOptions>());
            services.AddTransient<IConfigurationValidator>(sp => new AzureTableClusteringOptionsValidator(
                sp.GetRequiredService<IOptions<AzureTableClusteringOptions>>().Value));
            services.AddSingleton<IMembershipTable, AzureTableMembershipTable>();
        });
    }

    /// <summary>Makes the client find the cluster's gateways in the Azure Table membership table.</summary>
    public static IClientBuilder UseAzureTableClustering(this IClientBuilder builder, Action<AzureTableClusteringOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.UseAzureTableClustering(ob => ob.Configure(configureOptions));
    }

    /// <summary>Makes the client find the cluster's gateways in the Azure Table membership table, configured through an <see cref="OptionsBuilder{TOptions}"/>.</summary>
    public static IClientBuilder UseAzureTableClustering(this IClientBuilder builder, Action<OptionsBuilder<AzureTableClusteringOptions>>? configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services =>
        {
            configureOptions?.Invoke(services.AddOptions<AzureTableClusteringOptions>());
            services.AddTransient<IConfigurationValidator>(sp => new AzureTableClusteringOptionsValidator(
                sp.GetRequiredService<IOptions<AzureTableClusteringOptions>>().Value));
            services.AddSingleton<IGatewayListProvider, AzureTableGatewayListProvider>();
        });
    }
}
