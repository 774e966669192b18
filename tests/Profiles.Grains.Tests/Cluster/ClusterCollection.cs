namespace Profiles.Grains.Tests.Cluster;

/// <summary>The tests that share one <see cref="ClusterFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
