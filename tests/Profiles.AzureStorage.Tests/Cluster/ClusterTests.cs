using Azure.Data.Tables;
using Orleans.TestingHost;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Cluster;

/// <summary>A real two-silo Orleans cluster whose membership, client gateways and grain state all live in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClusterTests(AzuriteFixture azurite)
{
    public const string StorageName = "profiles";
    public const string ConnectionStringKey = "Test:AzureTables:ConnectionString";
    public const string MembershipTableKey = "Test:AzureTables:MembershipTable";
    public const string StateTableKey = "Test:AzureTables:StateTable";

    [Fact]
    public async Task GrainStateSurvivesDeactivationInAClusterFormedThroughTheMembershipTable()
    {
        var membershipTable = TestNames.Table("ClusterSilos");
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[ConnectionStringKey] = azurite.ConnectionString;
        builder.Properties[MembershipTableKey] = membershipTable;
        builder.Properties[StateTableKey] = TestNames.Table("ClusterState");
        builder.AddSiloBuilderConfigurator<AzureTableSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AzureTableClientConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var counter = cluster.Client.GetGrain<ICounterGrain>("customer/42#1");
        Assert.Equal(5, await counter.AddAsync(5));
        Assert.Equal(7, await counter.AddAsync(2));
        await counter.DeactivateAsync();

        Assert.Equal(7, await counter.GetAsync());
        Assert.Equal(2, await CountActiveSilosAsync(membershipTable, builder.Options.ClusterId));
    }

    private async Task<int> CountActiveSilosAsync(string table, string clusterId)
    {
        var rows = new TableClient(azurite.ConnectionString, table)
            .QueryAsync<TableEntity>(filter: TableClient.CreateQueryFilter($"PartitionKey eq {clusterId} and Status eq {"Active"}"));
        var count = 0;
        await foreach (var _ in rows)
        {
            count++;
        }

        return count;
    }
}
