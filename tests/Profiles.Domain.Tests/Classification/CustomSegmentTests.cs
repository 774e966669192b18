using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class CustomSegmentTests
{
    private static ProfileClassifier With(params (string Name, string Condition)[] segments)
    {
        var options = new ClassificationOptions();
        options.Segments.Custom = [.. segments.Select(s => new CustomSegmentDefinition { Name = s.Name, Condition = s.Condition })];
        return new ProfileClassifier(options);
    }

    private static ClassAssignment Segment(ProfileClassifier classifier, string name, params CustomerEvent[] events) =>
        classifier.Classify(Profile(events), Now).Single(a => a.Dimension == $"segment:{name}");

    [Fact]
    public void EachCustomSegmentIsADimensionAfterTheBuiltInOnes()
    {
        var classifier = With(("vip", "valueTier = 'A'"), ("at-risk-big", "monetary > 500 and lifecycle = 'dormant'"));

        Assert.Equal([.. Dimensions.All, "segment:vip", "segment:at-risk-big"], classifier.Dimensions);
        Assert.Equal(classifier.Dimensions, classifier.Classify(CustomerProfile.Create("c"), Now).Select(a => a.Dimension));
    }

    [Fact]
    public void MembershipFollowsTheConditionWithTheFieldValuesAsReason()
    {
        var classifier = With(("vip", "valueTier = 'A' and frequency >= 2"));

        var member = Segment(classifier, "vip", Order("a", DaysAgo(3), 900m), Order("b", DaysAgo(1), 200m));
        var other = Segment(classifier, "vip", Order("a", DaysAgo(3), 1200m));

        Assert.Equal(CustomSegment.Member, member.Value);
        Assert.Equal("holds: valueTier = 'A' and frequency >= 2 (frequency 2, valueTier \"A\")", member.Reason);
        Assert.Equal(CustomSegment.NonMember, other.Value);
        Assert.Equal("does not hold: valueTier = 'A' and frequency >= 2 (frequency 1, valueTier \"A\")", other.Reason);
    }

    [Fact]
    public void ConditionsReadFiguresClassesAndTraits()
    {
        var classifier = With(
            ("berliners", "traits.address.city = 'Berlin' and geography = 'DE'"),
            ("young-browsers", "age < 30 and engagement.pageViews >= 2 and engagement in ['low', 'medium', 'high']"),
            ("promoters", "nps = 'promoter' and npsScore = 10 and satisfaction = 'satisfied'"),
            ("never-ordered", "recency = null and segment = 'none' and lifecycle = 'prospect'"));
        var events = new CustomerEvent[]
        {
            Traits(DaysAgo(5), ("address.city", "Berlin"), ("address.country", "Germany"), ("birthday", "2000-03-01")),
            Page(DaysAgo(2)), Page(DaysAgo(1)), Survey(DaysAgo(1), nps: 10),
        };

        var classes = classifier.Classify(Profile(events), Now).Where(a => Dimensions.IsCustomSegment(a.Dimension)).ToList();

        Assert.All(classes, c => Assert.Equal(CustomSegment.Member, c.Value));
        Assert.Equal(4, classes.Count);
    }

    [Fact]
    public void TimeAloneCanMoveACustomerOutOfACustomSegment()
    {
        var classifier = With(("recent-buyers", "recency <= 7"));
        var profile = Profile(Order("a", DaysAgo(7), 10m));

        Assert.Equal(CustomSegment.Member, classifier.Classify(profile, Now).Single(a => a.Dimension == "segment:recent-buyers").Value);
        Assert.Equal(CustomSegment.NonMember, classifier.Classify(profile, Now.AddDays(1)).Single(a => a.Dimension == "segment:recent-buyers").Value);
    }

    [Fact]
    public void ACustomSegmentRemovedFromConfigurationIsDroppedFromTheProfile()
    {
        var profile = Profile(Order("a", DaysAgo(1), 10m));
        profile.Reclassify(With(("gone", "frequency > 0")), Now, causedBy: null);
        Assert.Equal(CustomSegment.Member, profile.Classes["segment:gone"].Value);

        var changes = profile.Reclassify(ProfileClassifier.Default, Now, causedBy: null);

        Assert.Empty(changes);
        Assert.DoesNotContain("segment:gone", profile.Classes.Keys);
    }

    [Fact]
    public void JoiningOrLeavingACustomSegmentIsAClassChange()
    {
        var classifier = With(("big", "monetary >= 100"));
        var profile = Profile(Order("a", DaysAgo(1), 60m));
        profile.Reclassify(classifier, Now, causedBy: "m-1");

        var second = Order("b", DaysAgo(1), 50m, messageId: "m-2");
        profile.Apply(second);
        var changes = profile.Reclassify(classifier, Now, causedBy: "m-2");

        var change = Assert.Single(changes, c => c.Dimension == "segment:big");
        Assert.Equal((CustomSegment.NonMember, CustomSegment.Member, "m-2"), (change.OldClass, change.NewClass, change.MessageId));
    }

    public static TheoryData<string, string, string> BadSegments() => new()
    {
        { "", "frequency > 1", "Profiles:Segments:Custom:0:Name '' must be" },
        { "has space", "frequency > 1", "Profiles:Segments:Custom:0:Name 'has space' must be" },
        { "ok", " ", "Profiles:Segments:Custom:0:Condition of segment 'ok' is required" },
        { "ok", "frequency >> 1", "Profiles:Segments:Custom:0:Condition of segment 'ok' is invalid at position 12: expected a number" },
        { "ok", "lifecycle > 1", "Profiles:Segments:Custom:0:Condition of segment 'ok' is invalid at position 13: 'lifecycle' is text" },
        { "ok", "nosuchfield = 1", "Profiles:Segments:Custom:0:Condition of segment 'ok' is invalid at position 1: unknown field 'nosuchfield'" },
    };

    [Theory]
    [MemberData(nameof(BadSegments))]
    public void ABadCustomSegmentStopsTheStartNamingTheSettingTheSegmentAndThePosition(string name, string condition, string message)
    {
        var options = new ClassificationOptions();
        options.Segments.Custom = [new() { Name = name, Condition = condition }];

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomSegmentNamesAreUnique()
    {
        var options = new ClassificationOptions();
        options.Segments.Custom = [new() { Name = "vip", Condition = "frequency > 1" }, new() { Name = "VIP", Condition = "frequency > 2" }];

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal("Profiles:Segments:Custom:1:Name 'VIP' is used by an earlier segment.", error.Message);
    }
}
