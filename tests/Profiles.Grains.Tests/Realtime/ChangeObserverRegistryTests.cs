using System.Net;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Realtime;
using Profiles.Grains.Tests.Cluster;

namespace Profiles.Grains.Tests.Realtime;

[Collection(ClusterCollection.Name)]
public sealed class ChangeObserverRegistryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = ClusterFixture.Timeout;

    [Fact]
    public async Task TheObserverOfAnActiveSiloIsListed()
    {
        var observer = Reference(new RecordingObserver());

        await fixture.Registry.RegisterAsync(fixture.PrimarySilo.SiloAddress, observer);

        Assert.Contains(observer, await fixture.Registry.GetObserversAsync());
    }

    [Fact]
    public async Task TheObserverOfASiloThatIsNotInTheClusterIsNotListed()
    {
        var stranger = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 1), 1);
        var observer = Reference(new RecordingObserver());

        await fixture.Registry.RegisterAsync(stranger, observer);

        Assert.DoesNotContain(observer, await fixture.Registry.GetObserversAsync());
    }

    [Fact]
    public async Task AnObserverThatWasNotRenewedForLongerThanTheExpiryIsDroppedUntilItRegistersAgain()
    {
        var observer = Reference(new RecordingObserver());
        await fixture.Registry.RegisterAsync(fixture.PrimarySilo.SiloAddress, observer);

        fixture.Clock.Advance(ChangeObserverRegistryGrain.Expiry + TimeSpan.FromSeconds(1));
        var expired = await fixture.Registry.GetObserversAsync();
        await fixture.Registry.RegisterAsync(fixture.PrimarySilo.SiloAddress, observer);
        var renewed = await fixture.Registry.GetObserversAsync();

        Assert.DoesNotContain(observer, expired);
        Assert.Contains(observer, renewed);
    }

    private IProfileChangeObserver Reference(RecordingObserver observer) =>
        fixture.Client.CreateObjectReference<IProfileChangeObserver>(observer);

}
