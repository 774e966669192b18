using Profiles.Domain.Statistics;
using Xunit;

namespace Profiles.Domain.Tests.Statistics;

public sealed class PopulationContributionPackingTests
{
    private static PopulationContribution Ada()
    {
        var contribution = new PopulationContribution { LastOrderDay = 739402, Frequency = 1, Monetary = 120.5m };
        contribution.Classes["rfm"] = "new-customers";
        contribution.Classes["geography"] = "FR";
        contribution.Classes["lifecycle"] = "new";
        return contribution;
    }

    [Fact]
    public void APackedContributionUnpacksToTheSame()
    {
        var contribution = Ada();
        contribution.Classes["segment:vip"] = "member";

        Assert.True(contribution.SameAs(PopulationContribution.Unpack(contribution.Pack())));
    }

    [Fact]
    public void KnownNamesPackAsOneByteEach()
    {
        // Version 2: "rfm", "new-customers", "lifecycle" and "new" are one byte each; "FR" stays text.
        Assert.Equal(PackedV2, Convert.ToHexString(Ada().Pack()));
        Assert.True(Ada().SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV2))));
    }

    [Fact]
    public void AContributionPackedByTheReleaseBeforeStillUnpacks() =>
        Assert.True(Ada().SameAs(PopulationContribution.Unpack(Convert.FromHexString(PackedV1))));

    [Fact]
    public void AnUnknownVersionIsRefused() =>
        Assert.Contains("version 9", Assert.Throws<FormatException>(() => PopulationContribution.Unpack([9])).Message, StringComparison.Ordinal);

    /// <summary>Written by the release before known names: every name as text.</summary>
    private const string PackedV1 = "010194A15A02B509000001030472666D0E6E65772D637573746F6D6572730A67656F6772617068790346520A6C6966656379636C65046E6577";

    private const string PackedV2 = "020194A15A02B509000001030129094346520216";
}
