using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Profiles.AzureStorage.Connection;

namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>Silo set-up of <see cref="ClusterTests"/>: the settings arrive through the test cluster's configuration.</summary>
public sealed class AzureTableSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var connection = new AzureTableConnection { ConnectionString = configuration[ClusterTests.ConnectionStringKey] };
        siloBuilder
            .UseProfilesAzureTableClustering(connection, o => o.TableName = configuration[ClusterTests.MembershipTableKey]!)
            .AddProfilesAzureTableGrainStorage(ClusterTests.StorageName, connection, o => o.TableName = configuration[ClusterTests.StateTableKey]!);
    }
}
