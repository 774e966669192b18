using Microsoft.Extensions.DependencyInjection;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Tests.Cluster;

namespace Profiles.Grains.Tests.Realtime;

[Collection(SiloChurnCollection.Name)]
public sealed class DepartedSiloObserverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheObserverOfASiloIsListedWhileTheSiloIsActiveAndDroppedOnceItLeftTheCluster()
    {
        // The registry lives on the primary silo and judges silos by that silo's view of the membership.
        await fixture.Registry.GetObserversAsync();
        var secondary = await fixture.Cluster.StartAdditionalSiloAsync();
        await WaitForStatusAsync(secondary.SiloAddress, SiloStatus.Active);
        var observer = fixture.Client.CreateObjectReference<IProfileChangeObserver>(new RecordingObserver());
        await fixture.Registry.RegisterAsync(secondary.SiloAddress, observer);
        var whileActive = await fixture.Registry.GetObserversAsync();

        await fixture.Cluster.StopSiloAsync(secondary);
        await WaitForStatusAsync(secondary.SiloAddress, SiloStatus.Dead);
        var afterLeaving = await fixture.Registry.GetObserversAsync();

        Assert.Contains(observer, whileActive);
        Assert.DoesNotContain(observer, afterLeaving);
    }

    private async Task WaitForStatusAsync(SiloAddress silo, SiloStatus status)
    {
        var membership = fixture.PrimarySilo.ServiceProvider.GetRequiredService<IClusterMembershipService>();
        using var timeout = new CancellationTokenSource(ClusterFixture.Timeout);
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(timeout.Token))
        {
            if (snapshot.GetSiloStatus(silo) == status) return;
        }
    }
}
