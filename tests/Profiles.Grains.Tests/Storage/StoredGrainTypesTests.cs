using Profiles.Abstractions.Grains;
using Profiles.Grains.Tests.Cluster;

namespace Profiles.Grains.Tests.Storage;

/// <summary>
/// Stored rows are keyed by grain type: the grain class's name without "Grain", lower-cased, unless a <c>[GrainType]</c>
/// says otherwise. A grain class renamed must keep the type its rows were stored under, or they would no longer be found.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredGrainTypesTests(ClusterFixture fixture)
{
    [Fact]
    public void EveryGrainWithStateKeepsTheGrainTypeItsRowsAreStoredUnder()
    {
        var grains = fixture.Client;
        Assert.Equal("customer", TypeOf(grains.GetGrain<ICustomerGrain>("c")));
        Assert.Equal("identity", TypeOf(grains.GetGrain<IIdentityGrain>("i")));
        Assert.Equal("emaildirectory", TypeOf(grains.GetGrain<IEmailDirectoryGrain>("e")));
        Assert.Equal("statistics", TypeOf(grains.GetGrain<IStatisticsGrain>(0)));
        Assert.Equal("wakebucket", TypeOf(grains.GetGrain<IWakeBucketGrain>("b")));
        Assert.Equal("wakecursor", TypeOf(grains.GetGrain<IWakeCursorGrain>(0)));
        Assert.Equal("wakeday", TypeOf(grains.GetGrain<IWakeDayGrain>(0)));
        Assert.Equal("audienceshard", TypeOf(grains.GetGrain<IAudienceShardGrain>(0)));
        Assert.Equal("webhookoutbox", TypeOf(grains.GetGrain<IWebhookOutboxGrain>("w")));
        Assert.Equal("erasurelog", TypeOf(grains.GetGrain<IErasureLogGrain>(0)));
        Assert.Equal("segmentcatalog", TypeOf(grains.GetGrain<ICustomSegmentCatalogGrain>(0)));
        Assert.Equal("segmentbackfill", TypeOf(grains.GetGrain<ICustomSegmentBackfillGrain>("s/1")));
    }

    private static string TypeOf(IAddressable grain) => grain.GetGrainId().Type.ToString()!;
}
