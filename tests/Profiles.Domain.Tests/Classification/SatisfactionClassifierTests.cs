using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class SatisfactionClassifierTests
{
    private static ClassAssignment Satisfaction(params CustomerEvent[] events) =>
        SatisfactionClassifier.Classify(Profile(events), Now, new SatisfactionOptions());

    private static ClassAssignment Nps(params CustomerEvent[] events) => SatisfactionClassifier.ClassifyNps(Profile(events).Satisfaction);

    [Fact]
    public void WithoutAnySignalSatisfactionIsUnknown()
    {
        Assert.Equal(SatisfactionClassifier.Unknown, Satisfaction().Value);
        Assert.Equal(SatisfactionClassifier.Unknown, Satisfaction(Order("a", DaysAgo(1), 10m), Page(DaysAgo(1))).Value);
    }

    [Theory]
    [InlineData(5, SatisfactionClassifier.Satisfied)]
    [InlineData(4, SatisfactionClassifier.Satisfied)]
    [InlineData(3, SatisfactionClassifier.Neutral)]
    [InlineData(2, SatisfactionClassifier.Unsatisfied)]
    [InlineData(1, SatisfactionClassifier.Unsatisfied)]
    public void ACsatAnswerAloneDecides(int csat, string expected) =>
        Assert.Equal(expected, Satisfaction(Survey(DaysAgo(1), csat: csat)).Value);

    [Theory]
    [InlineData(5, SatisfactionClassifier.Satisfied)]
    [InlineData(3, SatisfactionClassifier.Neutral)]
    [InlineData(1, SatisfactionClassifier.Unsatisfied)]
    public void AReviewRatingAloneDecides(int rating, string expected) =>
        Assert.Equal(expected, Satisfaction(Review(DaysAgo(1), rating)).Value);

    [Theory]
    [InlineData(Sentiment.Positive, SatisfactionClassifier.Satisfied)]
    [InlineData(Sentiment.Neutral, SatisfactionClassifier.Neutral)]
    [InlineData(Sentiment.Negative, SatisfactionClassifier.Unsatisfied)]
    public void FeedbackSentimentAloneDecides(Sentiment sentiment, string expected) =>
        Assert.Equal(expected, Satisfaction(Feedback(DaysAgo(1), sentiment)).Value);

    [Fact]
    public void TheLatestAnswerCountsNotTheFirstToArrive()
    {
        var late = Survey(DaysAgo(1), csat: 5);
        var early = Survey(DaysAgo(10), csat: 1);

        Assert.Equal(SatisfactionClassifier.Satisfied, Satisfaction(late, early).Value);
        Assert.Equal(SatisfactionClassifier.Satisfied, Satisfaction(early, late).Value);
    }

    [Fact]
    public void SignalsAreAveraged()
    {
        // CSAT 4 (0.5) and a 3-star review (0) average to 0.25: below 0.3, so neutral.
        Assert.Equal(SatisfactionClassifier.Neutral, Satisfaction(Survey(DaysAgo(2), csat: 4), Review(DaysAgo(1), 3)).Value);
        // CSAT 4 (0.5) and a promoter (1) average to 0.75.
        var mixed = Satisfaction(Survey(DaysAgo(2), csat: 4), Survey(DaysAgo(1), nps: 9));
        Assert.Equal(SatisfactionClassifier.Satisfied, mixed.Value);
        Assert.Contains("score 0.75", mixed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheThresholdsAreInclusive()
    {
        var options = new SatisfactionOptions { SatisfiedFrom = 0.5, UnsatisfiedTo = -0.5 };

        Assert.Equal(SatisfactionClassifier.Satisfied, SatisfactionClassifier.Classify(Profile(Survey(Now, csat: 4)), Now, options).Value);
        Assert.Equal(SatisfactionClassifier.Unsatisfied, SatisfactionClassifier.Classify(Profile(Survey(Now, csat: 2)), Now, options).Value);
    }

    [Fact]
    public void ASlaBreachInTheTicketWindowMakesAnOtherwiseSilentCustomerUnsatisfied()
    {
        var assignment = Satisfaction(TicketOpened("t1", DaysAgo(10)), TicketResolved("t1", DaysAgo(8), slaBreached: true));

        Assert.Equal(SatisfactionClassifier.Unsatisfied, assignment.Value);
        Assert.Contains("1 SLA breach in 90 days", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenTicketWeighsAgainstSatisfaction()
    {
        Assert.Equal(SatisfactionClassifier.Unsatisfied, Satisfaction(TicketOpened("t1", DaysAgo(2))).Value);
        // CSAT 5 (1) and an open ticket (−0.5) average to 0.25.
        Assert.Equal(SatisfactionClassifier.Neutral, Satisfaction(Survey(DaysAgo(3), csat: 5), TicketOpened("t1", DaysAgo(2))).Value);
    }

    [Fact]
    public void AResolvedTicketWithoutBreachIsNoSignal() =>
        Assert.Equal(SatisfactionClassifier.Unknown, Satisfaction(TicketOpened("t1", DaysAgo(3)), TicketResolved("t1", DaysAgo(2))).Value);

    [Fact]
    public void TicketsOpenedBeforeTheWindowAreIgnored() =>
        Assert.Equal(SatisfactionClassifier.Unknown,
            Satisfaction(TicketOpened("t1", DaysAgo(120)), TicketResolved("t1", DaysAgo(1), slaBreached: true), TicketOpened("t2", DaysAgo(91))).Value);

    [Fact]
    public void AResolutionSeenBeforeItsOpeningStillClosesTheTicket()
    {
        var profile = Profile(TicketResolved("t1", DaysAgo(2)), TicketOpened("t1", DaysAgo(3)));

        Assert.Equal(0, profile.Satisfaction.OpenTickets);
        Assert.Equal(SatisfactionClassifier.Unknown, SatisfactionClassifier.Classify(profile, Now, new SatisfactionOptions()).Value);
    }

    [Theory]
    [InlineData(10, SatisfactionClassifier.Promoter)]
    [InlineData(9, SatisfactionClassifier.Promoter)]
    [InlineData(8, SatisfactionClassifier.Passive)]
    [InlineData(7, SatisfactionClassifier.Passive)]
    [InlineData(6, SatisfactionClassifier.Detractor)]
    [InlineData(0, SatisfactionClassifier.Detractor)]
    public void TheLatestNpsAnswerGivesTheNpsCategory(int nps, string expected)
    {
        var assignment = Nps(Survey(DaysAgo(30), nps: 10 - nps), Survey(DaysAgo(1), nps: nps));

        Assert.Equal(Dimensions.Nps, assignment.Dimension);
        Assert.Equal(expected, assignment.Value);
    }

    [Fact]
    public void WithoutAnNpsAnswerThereIsNoNpsCategory() =>
        Assert.Equal(SatisfactionClassifier.NoNps, Nps(Survey(DaysAgo(1), csat: 5)).Value);
}
