using Profiles.Domain.Classification;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class AgeBandClassifierTests
{
    // Now is 2026-01-01 12:00 UTC.
    private static ClassAssignment Classify(ProfileClassifier classifier, DateTimeOffset sent, params (string Key, string Value)[] traits) =>
        classifier.Classify(Profile(Traits(sent, traits)), Now).Single(a => a.Dimension == Dimensions.AgeBand);

    private static string Band(params (string Key, string Value)[] traits) => Classify(ProfileClassifier.Default, DaysAgo(1), traits).Value;

    [Theory]
    [InlineData("2008-01-02", "under-18")]
    [InlineData("2008-01-01", "18-24")]
    [InlineData("2001-01-02", "18-24")]
    [InlineData("2001-01-01", "25-34")]
    [InlineData("1991-01-01", "35-44")]
    [InlineData("1981-01-01", "45-54")]
    [InlineData("1971-01-01", "55-64")]
    [InlineData("1961-01-02", "55-64")]
    [InlineData("1961-01-01", "65+")]
    [InlineData("1930-06-30T00:00:00Z", "65+")]
    public void TheBirthdayGivesTheBandOnTheDayOfClassification(string birthday, string expected) =>
        Assert.Equal(expected, Band(("birthday", birthday)));

    [Theory]
    [InlineData("17", "under-18")]
    [InlineData("18", "18-24")]
    [InlineData("24.9", "18-24")]
    [InlineData("25", "25-34")]
    [InlineData("64", "55-64")]
    [InlineData("65", "65+")]
    public void TheAgeTraitGivesTheBand(string age, string expected) => Assert.Equal(expected, Band(("age", age)));

    [Fact]
    public void AnAgeSentYearsAgoHasAgedSince()
    {
        var assignment = Classify(ProfileClassifier.Default, Now.AddYears(-2).AddDays(-1), ("age", "24"));
        Assert.Equal(("25-34", "age 26 from age 24 2 years ago"), (assignment.Value, assignment.Reason));
    }

    [Fact]
    public void TheBirthdayWinsOverTheAge()
    {
        var assignment = Classify(ProfileClassifier.Default, DaysAgo(1), ("age", "70"), ("birthday", "2000-06-15"));
        Assert.Equal(("25-34", "age 25 from birthday 2000-06-15"), (assignment.Value, assignment.Reason));
    }

    [Theory]
    [InlineData("age", "forty")]
    [InlineData("age", "-3")]
    [InlineData("age", "150")]
    [InlineData("birthday", "2030-01-01")]
    [InlineData("birthday", "yesterday")]
    [InlineData("birthday", "01/02/1990")]
    [InlineData("nickname", "Ada")]
    public void NoUsableOrPlausibleAgeIsUnknown(string key, string value) =>
        Assert.Equal(AgeBandClassifier.Unknown, Band((key, value)));

    [Fact]
    public void BandsAndTraitNamesAreConfigurable()
    {
        var options = new ClassificationOptions();
        options.Demographics.AgeBands = [21, 40];
        options.Demographics.AgeTrait = "years";
        var classifier = new ProfileClassifier(options);

        Assert.Equal("under-21", Classify(classifier, DaysAgo(1), ("years", "20")).Value);
        Assert.Equal("21-39", Classify(classifier, DaysAgo(1), ("years", "39")).Value);
        Assert.Equal("40+", Classify(classifier, DaysAgo(1), ("years", "40")).Value);
        Assert.Equal(AgeBandClassifier.Unknown, Classify(classifier, DaysAgo(1), ("age", "40")).Value);
    }
}
