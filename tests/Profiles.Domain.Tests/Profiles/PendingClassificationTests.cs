using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;

namespace Profiles.Domain.Tests.Profiles;

/// <summary>One classification after a group of folds (a grain's drain): net changes, attributed independently of arrival order.</summary>
public sealed class PendingClassificationTests
{
    [Fact]
    public void AGroupOfEventsIsClassifiedOnceAndTheChangeNamesTheLatestEventByTimestamp()
    {
        var page = TestEvents.Page(TestEvents.DaysAgo(1));
        var order = TestEvents.Order("o-1", TestEvents.DaysAgo(2), 50m);
        var profile = CustomerProfile.Create("c-1");
        var pending = new PendingClassification();
        foreach (var e in new CustomerEvent[] { page, order })
        {
            Assert.Equal(ApplyOutcome.Applied, profile.Apply(e));
            pending.Applied(e);
        }

        var changes = pending.Reclassify(profile, ProfileClassifier.Default, TestEvents.Now);

        var lifecycle = Assert.Single(changes, c => c.Dimension == Dimensions.Lifecycle);
        Assert.Equal((null, "new", page.MessageId, TestEvents.Now), (lifecycle.OldClass, lifecycle.NewClass, lifecycle.MessageId, lifecycle.At));
        Assert.All(changes, c => Assert.Equal(page.MessageId, c.MessageId));
        Assert.Equal(page.MessageId, profile.Classes[Dimensions.Lifecycle].CausedBy);
        // Done: nothing is pending until the next fold.
        Assert.False(pending.IsNeeded);
        Assert.Empty(pending.Reclassify(profile, ProfileClassifier.Default, TestEvents.Now));
    }

    [Fact]
    public void TheCauseDoesNotDependOnArrivalOrder()
    {
        var earlier = TestEvents.Order("o-1", TestEvents.DaysAgo(3), 10m);
        var later = TestEvents.Order("o-2", TestEvents.DaysAgo(1), 10m);
        var tieA = TestEvents.Page(TestEvents.DaysAgo(1));
        var forward = new PendingClassification();
        var backward = new PendingClassification();
        foreach (var e in new CustomerEvent[] { earlier, later, tieA }) forward.Applied(e);
        foreach (var e in new CustomerEvent[] { tieA, later, earlier }) backward.Applied(e);

        var expected = string.CompareOrdinal(later.MessageId, tieA.MessageId) > 0 ? later.MessageId : tieA.MessageId;
        Assert.Equal(expected, forward.CausedBy);
        Assert.Equal(expected, backward.CausedBy);
    }

    [Fact]
    public void AClassLeftAndTakenAgainWithinOneGroupIsNoChange()
    {
        var profile = TestEvents.Profile(TestEvents.Survey(TestEvents.DaysAgo(5), csat: 5));
        profile.Reclassify(ProfileClassifier.Default, TestEvents.Now, causedBy: null);
        Assert.Equal(SatisfactionClassifier.Satisfied, profile.Classes[Dimensions.Satisfaction].Value);

        // Per event this would be satisfied → unsatisfied → satisfied; folded as one group it stays satisfied.
        var pending = new PendingClassification();
        foreach (var e in new CustomerEvent[] { TestEvents.Survey(TestEvents.DaysAgo(4), csat: 1), TestEvents.Survey(TestEvents.DaysAgo(3), csat: 5) })
        {
            profile.Apply(e);
            pending.Applied(e);
        }

        Assert.DoesNotContain(pending.Reclassify(profile, ProfileClassifier.Default, TestEvents.Now), c => c.Dimension == Dimensions.Satisfaction);
    }

    [Fact]
    public void ARequestWithoutEventsClassifiesWithoutACause()
    {
        var profile = TestEvents.Profile(TestEvents.Order("o-1", TestEvents.DaysAgo(2), 10m));
        var pending = new PendingClassification();
        pending.Requested();

        var changes = pending.Reclassify(profile, ProfileClassifier.Default, TestEvents.Now);

        Assert.NotEmpty(changes);
        Assert.All(changes, c => Assert.Null(c.MessageId));
    }
}
