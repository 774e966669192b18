using Profiles.Domain.Classification;
using static Profiles.Domain.Tests.TestEvents;

namespace Profiles.Domain.Tests.Classification;

public sealed class GeographyClassifierTests
{
    private static ClassAssignment Classify(ProfileClassifier classifier, params (string Key, string Value)[] traits) =>
        classifier.Classify(Profile(Traits(DaysAgo(1), traits)), Now).Single(a => a.Dimension == Dimensions.Geography);

    private static ClassAssignment Classify(params (string Key, string Value)[] traits) => Classify(ProfileClassifier.Default, traits);

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData(" de ", "DE")]
    [InlineData("Germany", "DE")]
    [InlineData("deutschland", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData("United  Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("usa", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("Atlantis", GeographyClassifier.Other)]
    [InlineData("Sealand   Principality", GeographyClassifier.Other)]
    public void TheCountryIsNormalisedToItsCode(string sent, string expected) =>
        Assert.Equal(expected, Classify(("address.country", sent)).Value);

    [Fact]
    public void AddressCountryWinsOverOtherCountryTraits()
    {
        var assignment = Classify(("country", "France"), ("address.country", "Spain"));
        Assert.Equal(("ES", "address.country = \"Spain\""), (assignment.Value, assignment.Reason));
    }

    [Fact]
    public void OtherCountryTraitsAreTriedInOrder()
    {
        Assert.Equal("FR", Classify(("country", "France"), ("location.country", "IT")).Value);
        Assert.Equal("IT", Classify(("location.country", "IT")).Value);
        Assert.Equal("CH", Classify(("address.country", "   "), ("countryCode", "ch")).Value);
    }

    [Fact]
    public void NoCountryTraitIsUnknown()
    {
        var assignment = Classify(("address.city", "Berlin"));
        Assert.Equal(GeographyClassifier.Unknown, assignment.Value);
        Assert.StartsWith("no country trait (address.country, ", assignment.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TraitKeysAndAliasesAreConfigurable()
    {
        var options = new ClassificationOptions();
        options.Demographics.CountryTraits = ["shipping.country"];
        options.Demographics.CountryAliases["Bavaria"] = "DE";
        var classifier = new ProfileClassifier(options);

        Assert.Equal("DE", Classify(classifier, ("shipping.country", "bavaria"), ("address.country", "FR")).Value);
        Assert.Equal(GeographyClassifier.Unknown, Classify(classifier, ("address.country", "FR")).Value);
    }
}
