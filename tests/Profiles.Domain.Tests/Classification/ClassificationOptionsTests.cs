using Profiles.Domain.Classification;

namespace Profiles.Domain.Tests.Classification;

public sealed class ClassificationOptionsTests
{
    public static TheoryData<string, Action<ClassificationOptions>> BadSettings() => new()
    {
        { "Profiles:Rfm:WindowDays", o => o.Rfm.WindowDays = 0 },
        { "Profiles:Rfm:Breakpoints:Recency", o => o.Rfm.Breakpoints.Recency = [14, 30, 90] },
        { "Profiles:Rfm:Breakpoints:Frequency", o => o.Rfm.Breakpoints.Frequency = [1, 4, 2, 8] },
        { "Profiles:Rfm:Breakpoints:Monetary", o => o.Rfm.Breakpoints.Monetary = [50, double.NaN, 400, 1000] },
        { "Profiles:Rfm:SegmentMap", o => o.Rfm.SegmentMap = "Pareto" },
        { "Profiles:Rfm:Segments:0:Name", o => o.Rfm.Segments = [new() { Name = " " }] },
        { "Profiles:Rfm:Segments:1 (late)", o => o.Rfm.Segments = [new() { Name = "ok" }, new() { Name = "late", RMin = 0 }] },
        { "Profiles:Rfm:Segments:0 (upside-down)", o => o.Rfm.Segments = [new() { Name = "upside-down", FMin = 4, FMax = 2 }] },
        { "Profiles:Rfm:Segments:0 (too-high)", o => o.Rfm.Segments = [new() { Name = "too-high", MMax = 6 }] },
        { "Profiles:Lifecycle", o => o.Lifecycle.NewDays = -1 },
        { "Profiles:Lifecycle", o => o.Lifecycle.ActiveDays = 0 },
        { "Profiles:Lifecycle", o => o.Lifecycle.ChurnDays = 60 },
        { "Profiles:Satisfaction:UnsatisfiedTo", o => o.Satisfaction.UnsatisfiedTo = 0.3 },
        { "Profiles:Satisfaction:TicketWindowDays", o => o.Satisfaction.TicketWindowDays = 0 },
        { "Profiles:Value:BFrom", o => o.Value.BFrom = 2000m },
        { "Profiles:Value:BFrom", o => o.Value.BFrom = -1m },
        { "Profiles:Value:MediumAverageOrderFrom", o => o.Value.MediumAverageOrderFrom = 200m },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void ABadSettingIsRejectedByName(string setting, Action<ClassificationOptions> spoil)
    {
        var options = new ClassificationOptions();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ProfileClassifier(options));
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        new ClassificationOptions().Validate();

        var options = ProfileClassifier.Default.Options;
        Assert.Equal(365, options.Rfm.WindowDays);
        Assert.Equal((30, 90, 180), (options.Lifecycle.NewDays, options.Lifecycle.ActiveDays, options.Lifecycle.ChurnDays));
        Assert.Equal((0.3, -0.3, 90), (options.Satisfaction.SatisfiedFrom, options.Satisfaction.UnsatisfiedTo, options.Satisfaction.TicketWindowDays));
        Assert.Equal((1000m, 250m, 150m, 50m), (options.Value.AFrom, options.Value.BFrom, options.Value.HighAverageOrderFrom, options.Value.MediumAverageOrderFrom));
        Assert.Equal(RfmBreakpoints.Default.Recency, ProfileClassifier.Default.Breakpoints.Recency);
        Assert.Equal(RfmBreakpoints.Default.Frequency, ProfileClassifier.Default.Breakpoints.Frequency);
        Assert.Equal(RfmBreakpoints.Default.Monetary, ProfileClassifier.Default.Breakpoints.Monetary);
    }

    [Fact]
    public void EqualNeighbouringBreakpointsAreAllowed()
    {
        var options = new ClassificationOptions();
        options.Rfm.Breakpoints.Frequency = [1, 1, 2, 2];

        options.Validate();
    }

    [Fact]
    public void ACustomRuleTableNeedsNoKnownPresetName()
    {
        var options = new ClassificationOptions();
        options.Rfm.SegmentMap = "mine";
        options.Rfm.Segments = [new() { Name = "everyone" }];

        options.Validate();
    }
}
