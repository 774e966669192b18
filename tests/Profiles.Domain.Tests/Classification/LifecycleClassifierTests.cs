using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class LifecycleClassifierTests
{
    private static ClassAssignment Lifecycle(params CustomerEvent[] events) =>
        ProfileClassifier.Default.Classify(Profile(events), Now).Single(a => a.Dimension == Dimensions.Lifecycle);

    private static int Reactivations(params CustomerEvent[] events) => ProfileClassifier.Default.Summarize(Profile(events), Now).Reactivations;

    [Fact]
    public void AKnownCustomerWithoutOrdersIsAProspect()
    {
        Assert.Equal(LifecycleClassifier.Prospect, Lifecycle().Value);
        Assert.Equal(LifecycleClassifier.Prospect, Lifecycle(Page(DaysAgo(1)), Traits(DaysAgo(1), ("email", "a@example.com"))).Value);
    }

    [Fact]
    public void ACustomerWhoseOnlyOrderWasCancelledIsStillAProspect() =>
        Assert.Equal(LifecycleClassifier.Prospect, Lifecycle(Order("a", DaysAgo(5), 10m), Cancel("a", DaysAgo(4))).Value);

    [Theory]
    [InlineData(0, LifecycleClassifier.New)]
    [InlineData(30, LifecycleClassifier.New)]
    [InlineData(30.99, LifecycleClassifier.New)]
    [InlineData(31, LifecycleClassifier.Active)]
    [InlineData(90, LifecycleClassifier.Active)]
    [InlineData(90.99, LifecycleClassifier.Active)]
    [InlineData(91, LifecycleClassifier.Dormant)]
    [InlineData(180, LifecycleClassifier.Dormant)]
    [InlineData(180.99, LifecycleClassifier.Dormant)]
    [InlineData(181, LifecycleClassifier.Churned)]
    [InlineData(3000, LifecycleClassifier.Churned)]
    public void TheStageOfASingleOrderCustomerFollowsTheDaysSinceTheOrder(double daysAgo, string expected) =>
        Assert.Equal(expected, Lifecycle(Order("a", DaysAgo(daysAgo), 10m)).Value);

    [Fact]
    public void ACustomerStaysNewWhileTheFirstOrderIsRecentWhateverFollows()
    {
        var assignment = Lifecycle(Order("a", DaysAgo(20), 10m), Order("b", DaysAgo(1), 10m));

        Assert.Equal(LifecycleClassifier.New, assignment.Value);
        Assert.Contains("first order 20 days ago", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecentOrderOfAnOldCustomerIsActive() =>
        Assert.Equal(LifecycleClassifier.Active, Lifecycle(Order("a", DaysAgo(400), 10m), Order("b", DaysAgo(1), 10m)).Value);

    [Fact]
    public void AnOrderAfterDormancyIsCountedAsAReactivation()
    {
        var events = new CustomerEvent[] { Order("a", DaysAgo(300), 10m), Order("b", DaysAgo(150), 10m), Order("c", DaysAgo(10), 10m) };

        var assignment = Lifecycle(events);

        Assert.Equal(2, Reactivations(events));
        Assert.Equal(LifecycleClassifier.Active, assignment.Value);
        Assert.Contains("reactivated 2 times", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderAfterChurnIsCountedAsAReactivation()
    {
        var assignment = Lifecycle(Order("a", DaysAgo(500), 10m), Order("b", DaysAgo(5), 10m));

        Assert.Contains("reactivated once", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OrdersWhileActiveAreNoReactivation()
    {
        Assert.Equal(0, Reactivations(Order("a", DaysAgo(200), 10m), Order("b", DaysAgo(110), 10m), Order("c", DaysAgo(20), 10m)));
        Assert.DoesNotContain("reactivated", Lifecycle(Order("a", DaysAgo(200), 10m), Order("b", DaysAgo(110), 10m)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOrderBeforeTheNinetyFirstSilentDayIsNoReactivation()
    {
        // 90 days and 12 hours of silence: the customer was classified active (90 whole days) the whole time,
        // never dormant, so the next order reactivates nothing.
        var first = DaysAgo(200);
        var events = new CustomerEvent[] { Order("a", first, 10m), Order("b", first.AddDays(90.5), 10m) };

        Assert.Equal(LifecycleClassifier.Active, ProfileClassifier.Default.Classify(Profile(events[0]), first.AddDays(90.5))[1].Value);
        Assert.Equal(0, Reactivations(events));
    }

    [Fact]
    public void AnOrderOnTheNinetyFirstSilentDayIsAReactivation()
    {
        var first = DaysAgo(200);
        var events = new CustomerEvent[] { Order("a", first, 10m), Order("b", first.AddDays(91), 10m) };

        Assert.Equal(LifecycleClassifier.Dormant, ProfileClassifier.Default.Classify(Profile(events[0]), first.AddDays(91))[1].Value);
        Assert.Equal(1, Reactivations(events));
    }

    [Fact]
    public void CustomLifecycleThresholdsApply()
    {
        var options = new ClassificationOptions { Lifecycle = new LifecycleOptions { NewDays = 0, ActiveDays = 10, ChurnDays = 20 } };
        var classifier = new ProfileClassifier(options);

        string Stage(double daysAgo) => classifier.Classify(Profile(Order("a", DaysAgo(daysAgo), 1m)), Now)[1].Value;

        Assert.Equal(LifecycleClassifier.New, Stage(0.5));
        Assert.Equal(LifecycleClassifier.Active, Stage(10));
        Assert.Equal(LifecycleClassifier.Dormant, Stage(11));
        Assert.Equal(LifecycleClassifier.Dormant, Stage(20));
        Assert.Equal(LifecycleClassifier.Churned, Stage(21));
    }
}
