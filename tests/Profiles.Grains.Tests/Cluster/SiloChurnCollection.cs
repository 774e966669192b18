namespace Profiles.Grains.Tests.Cluster;

/// <summary>
/// Tests that start and stop silos get a cluster of their own: the shared cluster's clock travels in time, and a silo
/// joining a cluster whose clock has jumped does not pass Orleans' connectivity checks.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloChurnCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Silo churn";
}
