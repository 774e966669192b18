using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using Profiles.Domain.Profiles;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class EngagementClassifierTests
{
    private static ClassAssignment Classify(params CustomerEvent[] events) =>
        ProfileClassifier.Default.Classify(Profile(events), Now).Single(a => a.Dimension == Dimensions.Engagement);

    private static EngagementRecorded Track(DateTimeOffset at, EngagementKind kind = EngagementKind.Track, string? session = null) =>
        new() { MessageId = NextId(), Timestamp = at, Engagement = kind, Name = "Product Viewed", SessionId = session };

    private static CustomerEvent[] Views(int count, DateTimeOffset at, Func<int, string?>? session = null) =>
        [.. Enumerable.Range(0, count).Select(i => (CustomerEvent)Page(at, session?.Invoke(i)))];

    [Fact]
    public void ACustomerNeverSeenIsInactive()
    {
        var assignment = ProfileClassifier.Default.Classify(CustomerProfile.Create("c"), Now).Single(a => a.Dimension == Dimensions.Engagement);
        Assert.Equal((EngagementClassifier.Inactive, "never seen"), (assignment.Value, assignment.Reason));
    }

    [Fact]
    public void ACustomerSilentForMoreThanTheRecentWindowIsInactiveWhateverItsPast()
    {
        var onTheEdge = Classify(Views(60, DaysAgo(30)));
        var past = Classify(Views(60, DaysAgo(31)));

        Assert.Equal(EngagementClassifier.High, onTheEdge.Value);
        Assert.Equal(EngagementClassifier.Inactive, past.Value);
        Assert.Equal("last seen 31 days ago (inactive after 30)", past.Reason);
    }

    [Fact]
    public void AnyEventCountsAsSeen() =>
        Assert.Equal(EngagementClassifier.Low, Classify(Order("a", DaysAgo(2), 10m)).Value);

    [Theory]
    [InlineData(9, EngagementClassifier.Low)]
    [InlineData(10, EngagementClassifier.Medium)]
    [InlineData(49, EngagementClassifier.Medium)]
    [InlineData(50, EngagementClassifier.High)]
    public void InteractionsSetTheLevel(int interactions, string expected)
    {
        // Page views, screen views and tracked events all count as interactions.
        var events = Enumerable.Range(0, interactions).Select(CustomerEvent (i) => (i % 3) switch
        {
            0 => Page(DaysAgo(1)),
            1 => Track(DaysAgo(1), EngagementKind.Screen),
            _ => Track(DaysAgo(1)),
        }).ToArray();

        Assert.Equal(expected, Classify(events).Value);
    }

    [Theory]
    [InlineData(2, EngagementClassifier.Low)]
    [InlineData(3, EngagementClassifier.Medium)]
    [InlineData(9, EngagementClassifier.Medium)]
    [InlineData(10, EngagementClassifier.High)]
    public void DistinctSessionsSetTheLevelToo(int sessions, string expected) =>
        Assert.Equal(expected, Classify(Views(sessions, DaysAgo(3), i => $"s-{i}")).Value);

    [Fact]
    public void TheReasonGivesTheFiguresAndTheRule()
    {
        var assignment = Classify(Views(12, DaysAgo(4), i => $"s-{i % 2}"));

        Assert.Equal("12 interactions, 2 sessions, last seen 4 days ago (medium from 10 interactions or 3 sessions)", assignment.Reason);
    }

    [Fact]
    public void ThresholdsAreConfigurable()
    {
        var options = new ClassificationOptions();
        options.Engagement.RecentDays = 7;
        options.Engagement.MediumInteractionsFrom = 1;
        var classifier = new ProfileClassifier(options);

        Assert.Equal(EngagementClassifier.Medium, classifier.Classify(Profile(Page(DaysAgo(7))), Now).Single(a => a.Dimension == Dimensions.Engagement).Value);
        Assert.Equal(EngagementClassifier.Inactive, classifier.Classify(Profile(Page(DaysAgo(8))), Now).Single(a => a.Dimension == Dimensions.Engagement).Value);
    }
}
