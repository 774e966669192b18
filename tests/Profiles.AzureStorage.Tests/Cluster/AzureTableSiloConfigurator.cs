using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>Silo set-up of <see cref="ClusterTests"/>: the settings arrive through the test cluster's configuration.</summary>
public sealed class AzureTableSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var connectionString = configuration[ClusterTests.ConnectionStringKey];
        siloBuilder
            .UseAzureTableClustering(o => (o.ConnectionString, o.TableName) = (connectionString, configuration[ClusterTests.MembershipTableKey]!))
            .AddAzureTableGrainStorage(ClusterTests.StorageName, o => (o.ConnectionString, o.TableName) = (connectionString, configuration[ClusterTests.StateTableKey]!));
    }
}
