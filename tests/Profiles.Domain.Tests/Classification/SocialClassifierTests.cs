using Profiles.Domain.Classification;
using Profiles.Domain.Events;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class SocialClassifierTests
{
    private static ClassAssignment Classify(int shares = 0, int comments = 0, int referrals = 0, ProfileClassifier? classifier = null)
    {
        var events = Enumerable.Repeat(EngagementKind.Share, shares)
            .Concat(Enumerable.Repeat(EngagementKind.Comment, comments))
            .Concat(Enumerable.Repeat(EngagementKind.Referral, referrals))
            .Select(kind => (CustomerEvent)new EngagementRecorded { MessageId = NextId(), Timestamp = DaysAgo(1), Engagement = kind })
            .ToArray();
        return (classifier ?? ProfileClassifier.Default).Classify(Profile(events), Now).Single(a => a.Dimension == Dimensions.SocialRole);
    }

    [Fact]
    public void NoSocialActionIsALurker()
    {
        var assignment = Classify();
        Assert.Equal(SocialClassifier.Lurker, assignment.Value);
        Assert.Equal("0 referrals, 0 shares, 0 comments (active from 1 social action)", assignment.Reason);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    [InlineData(9, 40, 2)]
    public void SomeSocialActionIsActive(int shares, int comments, int referrals) =>
        Assert.Equal(SocialClassifier.Active, Classify(shares, comments, referrals).Value);

    [Theory]
    [InlineData(10, 0, 0)]
    [InlineData(0, 0, 3)]
    public void ManySharesOrReferralsMakeAnInfluencer(int shares, int comments, int referrals)
    {
        var assignment = Classify(shares, comments, referrals);
        Assert.Equal(SocialClassifier.Influencer, assignment.Value);
        Assert.EndsWith("(influencer from 3 referrals or 10 shares)", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ThresholdsAreConfigurable()
    {
        var options = new ClassificationOptions();
        options.Social.ActiveFrom = 3;
        options.Social.InfluencerReferralsFrom = 1;
        var classifier = new ProfileClassifier(options);

        Assert.Equal(SocialClassifier.Lurker, Classify(comments: 2, classifier: classifier).Value);
        Assert.Equal(SocialClassifier.Active, Classify(comments: 3, classifier: classifier).Value);
        Assert.Equal(SocialClassifier.Influencer, Classify(referrals: 1, classifier: classifier).Value);
    }
}
