using Profiles.Domain.Classification;
using Profiles.Domain.Profiles;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Profiles;

public sealed class ReclassifyTests
{
    [Fact]
    public void TheFirstClassificationReportsEveryDimensionAsAChangeFromNothing()
    {
        var profile = CustomerProfile.Create("customer-7");

        var changes = profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-first");

        Assert.Equal(Dimensions.All, changes.Select(c => c.Dimension));
        Assert.All(changes, c =>
        {
            Assert.Equal("customer-7", c.CustomerId);
            Assert.Null(c.OldClass);
            Assert.Equal(Now, c.At);
            Assert.Equal("m-first", c.MessageId);
        });
        Assert.Equal(
            [
                RfmSegmentMaps.NoOrders, LifecycleClassifier.Prospect, SatisfactionClassifier.Unknown, SatisfactionClassifier.NoNps, ValueClassifier.C,
                ValueClassifier.NoPurchases, EngagementClassifier.Inactive, SocialClassifier.Lurker, GeographyClassifier.Unknown, AgeBandClassifier.Unknown,
                PredictionClassifier.None, PredictionClassifier.None,
            ],
            changes.Select(c => c.NewClass));
        Assert.Equal(Now, profile.UpdatedAt);
    }

    [Fact]
    public void ReclassifyingWithoutNewFactsChangesNothing()
    {
        var profile = Profile(Order("a", DaysAgo(3), 120m), Survey(DaysAgo(2), nps: 10));
        profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-1");
        var before = profile.Classes.ToDictionary(c => c.Key, c => c.Value);

        var changes = profile.Reclassify(ProfileClassifier.Default, Now.AddMinutes(5), causedBy: "m-2");

        Assert.Empty(changes);
        Assert.Equal(before, profile.Classes);
    }

    [Fact]
    public void AnEventThatMovesClassesReportsOldAndNewClassAndTheCausingMessage()
    {
        var profile = CustomerProfile.Create("customer-1");
        profile.Reclassify(ProfileClassifier.Default, Now, causedBy: null);
        var order = Order("a", Now.AddHours(-1), 100m, messageId: "m-order");

        profile.Apply(order);
        var changes = profile.Reclassify(ProfileClassifier.Default, Now, order.MessageId);

        Assert.Equal(
            [
                new ClassChange("customer-1", Dimensions.Rfm, RfmSegmentMaps.NoOrders, "new-customers", Now, "m-order"),
                new ClassChange("customer-1", Dimensions.Lifecycle, LifecycleClassifier.Prospect, LifecycleClassifier.New, Now, "m-order"),
                new ClassChange("customer-1", Dimensions.PurchasingPower, ValueClassifier.NoPurchases, ValueClassifier.Medium, Now, "m-order"),
                new ClassChange("customer-1", Dimensions.Engagement, EngagementClassifier.Inactive, EngagementClassifier.Low, Now, "m-order"),
                // A buyer, but no model has been fitted to the population yet.
                new ClassChange("customer-1", Dimensions.ChurnRisk, PredictionClassifier.None, PredictionClassifier.Unknown, Now, "m-order"),
                new ClassChange("customer-1", Dimensions.Cluster, PredictionClassifier.None, PredictionClassifier.Unknown, Now, "m-order"),
            ],
            changes);
        Assert.Equal(new ClassState(LifecycleClassifier.New, profile.Classes[Dimensions.Lifecycle].Reason, Now, "m-order"), profile.Classes[Dimensions.Lifecycle]);
        // Unchanged dimensions keep the moment and cause of their last change.
        Assert.Null(profile.Classes[Dimensions.Value].CausedBy);
    }

    [Fact]
    public void TheMerePassingOfTimeMovesAClassWithoutACausingMessage()
    {
        var profile = Profile(Order("a", Now, 100m));
        profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-order");
        var later = Now.AddDays(100);

        var changes = profile.Reclassify(ProfileClassifier.Default, later, causedBy: null);

        var lifecycle = Assert.Single(changes, c => c.Dimension == Dimensions.Lifecycle);
        Assert.Equal((LifecycleClassifier.New, LifecycleClassifier.Dormant, later, (string?)null), (lifecycle.OldClass, lifecycle.NewClass, lifecycle.At, lifecycle.MessageId));
        var rfm = Assert.Single(changes, c => c.Dimension == Dimensions.Rfm);
        Assert.Equal(("new-customers", "hibernating"), (rfm.OldClass, rfm.NewClass));
    }

    [Fact]
    public void AChangedReasonWithinTheSameClassIsNoChangeAndNoReasonIsKept()
    {
        var profile = Profile(Order("a", DaysAgo(2), 100m));
        profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-1");
        var before = profile.Classes[Dimensions.Value];

        profile.Apply(Order("b", DaysAgo(1), 20m));
        var changes = profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-2");

        Assert.DoesNotContain(changes, c => c.Dimension == Dimensions.Value);
        Assert.Same(before, profile.Classes[Dimensions.Value]);
        Assert.All(profile.Classes.Values, c => Assert.Null(c.Reason));
        // The reason is derived when shown, from the facts as they are now.
        var value = Assert.Single(ProfileClassifier.Default.Classify(profile, Now), a => a.Dimension == Dimensions.Value);
        Assert.Contains("net revenue 120", value.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonStoredBeforeReasonsWereDerivedIsDroppedAtTheNextClassification()
    {
        var profile = Profile(Order("a", DaysAgo(2), 100m));
        profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-1");
        var stored = profile.Classes[Dimensions.Value] with { Reason = "an old reason" };
        profile.Classes[Dimensions.Value] = stored;

        var changes = profile.Reclassify(ProfileClassifier.Default, Now, causedBy: "m-2");

        Assert.Empty(changes);
        Assert.Equal(stored with { Reason = null }, profile.Classes[Dimensions.Value]);
    }
}
