using Profiles.Domain.Classification;

namespace Profiles.Domain.Tests.Classification;

/// <summary>Settings of the engagement, social and demographic dimensions.</summary>
public sealed class DimensionOptionsTests
{
    public static TheoryData<string, Action<ClassificationOptions>> BadSettings() => new()
    {
        { "Profiles:Engagement:RecentDays", o => o.Engagement.RecentDays = 0 },
        { "Profiles:Engagement:MediumInteractionsFrom", o => o.Engagement.MediumInteractionsFrom = 0 },
        { "Profiles:Engagement:MediumInteractionsFrom", o => o.Engagement.HighInteractionsFrom = 5 },
        { "Profiles:Engagement:MediumSessionsFrom", o => o.Engagement.MediumSessionsFrom = 11 },
        { "Profiles:Social:InfluencerReferralsFrom", o => o.Social.InfluencerReferralsFrom = 0 },
        { "Profiles:Social:InfluencerSharesFrom", o => o.Social.InfluencerSharesFrom = -1 },
        { "Profiles:Social:ActiveFrom", o => o.Social.ActiveFrom = 0 },
        { "Profiles:Demographics:CountryTraits", o => o.Demographics.CountryTraits = ["country", " "] },
        { "Profiles:Demographics:CountryAliases", o => o.Demographics.CountryAliases["Bavaria"] = "" },
        { "Profiles:Demographics:AgeTrait", o => o.Demographics.AgeTrait = "" },
        { "Profiles:Demographics:BirthdayTrait", o => o.Demographics.BirthdayTrait = " " },
        { "Profiles:Demographics:MaxAge", o => o.Demographics.MaxAge = 0 },
        { "Profiles:Demographics:AgeBands", o => o.Demographics.AgeBands = [18, 18, 30] },
        { "Profiles:Demographics:AgeBands", o => o.Demographics.AgeBands = [30, 20] },
        { "Profiles:Demographics:AgeBands", o => o.Demographics.AgeBands = [0, 20] },
        { "Profiles:Demographics:AgeBands", o => o.Demographics.AgeBands = [18, 130] },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void ABadSettingIsRejectedByName(string setting, Action<ClassificationOptions> spoil)
    {
        var options = new ClassificationOptions();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        var options = ProfileClassifier.Default.Options;

        Assert.Equal((30, 50, 10, 10, 3),
            (options.Engagement.RecentDays, options.Engagement.HighInteractionsFrom, options.Engagement.HighSessionsFrom,
             options.Engagement.MediumInteractionsFrom, options.Engagement.MediumSessionsFrom));
        Assert.Equal((3, 10, 1), (options.Social.InfluencerReferralsFrom, options.Social.InfluencerSharesFrom, options.Social.ActiveFrom));
        Assert.Equal([18, 25, 35, 45, 55, 65], options.Demographics.EffectiveAgeBands);
        Assert.Equal("address.country", options.Demographics.EffectiveCountryTraits[0]);
        Assert.Empty(ProfileClassifier.Default.CustomSegments);
        Assert.Equal(Dimensions.All, ProfileClassifier.Default.Dimensions);
    }
}
