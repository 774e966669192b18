using Profiles.Domain.Classification;
using Profiles.Domain.Playbooks;

namespace Profiles.Domain.Tests.Playbooks;

public sealed class PlaybookTests
{
    private static ClassAssignment Class(string dimension, string value, string reason = "because") => new(dimension, value, reason);

    private static Recommendation Single(string dimension, string value) =>
        Assert.Single(Playbook.Default.Recommend([Class(dimension, value)]));

    [Fact]
    public void TheDefaultsFollowTheDesign()
    {
        var churned = Single(Dimensions.Lifecycle, LifecycleClassifier.Churned);
        Assert.Equal(("Survey and win-back offer", "email"), (churned.Action, churned.Channel));
        var unsatisfied = Single(Dimensions.Satisfaction, SatisfactionClassifier.Unsatisfied);
        Assert.Equal(("Service-recovery call within 24 h", "phone", 100), (unsatisfied.Action, unsatisfied.Channel, unsatisfied.Priority));
        Assert.Equal("Early access and dedicated service", Single(Dimensions.Rfm, "champions").Action);
        Assert.Equal("Onboarding series", Single(Dimensions.Lifecycle, LifecycleClassifier.New).Action);
    }

    [Theory]
    [InlineData(Dimensions.Rfm, "at-risk")]
    [InlineData(Dimensions.Rfm, "cannot-lose-them")]
    [InlineData(Dimensions.Rfm, "hibernating")]
    [InlineData(Dimensions.Rfm, "loyal-customers")]
    [InlineData(Dimensions.Rfm, "need-attention")]
    [InlineData(Dimensions.Rfm, "about-to-sleep")]
    [InlineData(Dimensions.Rfm, "promising")]
    [InlineData(Dimensions.Rfm, "potential-loyalists")]
    [InlineData(Dimensions.Rfm, "new-customers")]
    [InlineData(Dimensions.Lifecycle, LifecycleClassifier.Prospect)]
    [InlineData(Dimensions.Lifecycle, LifecycleClassifier.Active)]
    [InlineData(Dimensions.Lifecycle, LifecycleClassifier.Dormant)]
    [InlineData(Dimensions.Nps, SatisfactionClassifier.Detractor)]
    [InlineData(Dimensions.Nps, SatisfactionClassifier.Promoter)]
    [InlineData(Dimensions.Value, ValueClassifier.A)]
    [InlineData(Dimensions.SocialRole, SocialClassifier.Influencer)]
    [InlineData(Dimensions.Engagement, EngagementClassifier.Inactive)]
    public void EveryKeyClassHasADefaultAction(string dimension, string value)
    {
        var recommendation = Single(dimension, value);
        Assert.False(string.IsNullOrWhiteSpace(recommendation.Action));
        Assert.False(string.IsNullOrWhiteSpace(recommendation.Channel));
    }

    [Fact]
    public void RecommendationsComeByPriorityThenDimensionThenPlaybookOrder()
    {
        var playbook = new Playbook(
        [
            new(Dimensions.Value, "A", "value action", "phone", 50),
            new(Dimensions.Lifecycle, "churned", "second churned action", "sms", 50),
            new(Dimensions.Lifecycle, "churned", "first churned action", "email", 80),
            new("segment:vip", "member", "vip action", "email", 50),
            new(Dimensions.Lifecycle, "churned", "third churned action", "email", 50),
            new(Dimensions.Lifecycle, "new", "not for this customer", "email", 99),
        ]);

        var recommendations = playbook.Recommend(
            [Class("segment:vip", "member"), Class(Dimensions.Value, "A"), Class(Dimensions.Lifecycle, "churned", "silent for 200 days")]);

        Assert.Equal(
            ["first churned action", "second churned action", "third churned action", "value action", "vip action"],
            recommendations.Select(r => r.Action));
        Assert.Equal("lifecycle is churned: silent for 200 days", recommendations[0].Reason);
        Assert.Equal((Dimensions.Lifecycle, "churned", "email", 80), (recommendations[0].Dimension, recommendations[0].Class, recommendations[0].Channel, recommendations[0].Priority));
    }

    [Fact]
    public void TheOrderDoesNotDependOnTheOrderOfTheClasses()
    {
        var classes = new[]
        {
            Class(Dimensions.Rfm, "champions"), Class(Dimensions.Value, "A"), Class(Dimensions.Lifecycle, "active"), Class(Dimensions.Nps, "promoter"),
        };

        Assert.Equal(Playbook.Default.Recommend(classes), Playbook.Default.Recommend(classes.Reverse()));
        Assert.Equal(["Early access and dedicated service", "Dedicated account manager and priority support"],
            Playbook.Default.Recommend(classes).Take(2).Select(r => r.Action));
    }

    [Fact]
    public void ClassesMatchIgnoringCase() =>
        Assert.Single(new Playbook([new(Dimensions.Value, "a", "x", "email", 1)]).Recommend([Class(Dimensions.Value, "A")]));

    [Fact]
    public void TheJsonFormRoundTrips()
    {
        var again = Playbook.Parse(Playbook.Default.ToJson());
        Assert.Equal(Playbook.Default.Rules, again.Rules);
    }

    [Fact]
    public void TheFileAllowsCommentsTrailingCommasAndDollarProperties()
    {
        var playbook = Playbook.Parse("""
            {
              "$comment": "ours",
              // churned customers first
              "Recommendations": [
                { "Dimension": "lifecycle", "Class": "churned", "Action": "Call", "Channel": "phone", "Priority": 90, "$note": "x" },
              ],
            }
            """);

        Assert.Equal([new PlaybookRule("lifecycle", "churned", "Call", "phone", 90)], playbook.Rules);
    }

    [Theory]
    [InlineData("{", "The playbook is not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{}", "has no \"recommendations\" array")]
    [InlineData("""{ "rules": [] }""", "unknown property \"rules\"")]
    [InlineData("""{ "recommendations": {} }""", "\"recommendations\" must be an array")]
    [InlineData("""{ "recommendations": [1] }""", "recommendations[0] must be an object")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": "a", "channel": "email" }] }""", "recommendations[0].priority is required")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": "a", "channel": "email", "priority": 101 }] }""", "recommendations[0].priority must be a whole number from 0 to 100; it is 101")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": "a", "channel": "email", "priority": 2.5 }] }""", "recommendations[0].priority must be a whole number")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": "a", "channel": "email", "priority": "high" }] }""", "recommendations[0].priority must be a whole number")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecyle", "class": "new", "action": "a", "channel": "email", "priority": 1 }] }""", "recommendations[0].dimension \"lifecyle\" is not a dimension")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "", "action": "a", "channel": "email", "priority": 1 }] }""", "recommendations[0].class is required")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": 3, "channel": "email", "priority": 1 }] }""", "recommendations[0].action must be a string")]
    [InlineData("""{ "recommendations": [{ "dimension": "lifecycle", "class": "new", "action": "a", "chanel": "email", "priority": 1 }] }""", "recommendations[0] has an unknown property \"chanel\"")]
    public void AnInvalidFileIsRefusedNamingTheProblem(string json, string problem)
    {
        var error = Assert.Throws<PlaybookFormatException>(() => Playbook.Parse(json));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedPlaybookFileIsTheDefaultPlaybook()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "src", "Profiles.Host", "playbook.json"))) directory = directory.Parent;
        Assert.NotNull(directory);

        var shipped = Playbook.Parse(File.ReadAllText(Path.Combine(directory.FullName, "src", "Profiles.Host", "playbook.json")));

        Assert.Equal(Playbook.Default.Rules, shipped.Rules);
    }
}
