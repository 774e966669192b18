using Profiles.Domain.Segment;

namespace Profiles.Domain.Tests.Segment;

public sealed class IngestOptionsTests
{
    public static TheoryData<string, Action<IngestOptions>> BadSettings() => new()
    {
        { "Profiles:Ingest:MaxRequestBytes", o => o.MaxRequestBytes = 10 },
        { "Profiles:Ingest:MaxEventBytes", o => o.MaxEventBytes = 100 },
        { "Profiles:Ingest:MaxEventBytes", o => o.MaxEventBytes = o.MaxRequestBytes + 1 },
        { "Profiles:Ingest:MaxBatchEvents", o => o.MaxBatchEvents = 0 },
        { "Profiles:Ingest:MaxIdLength", o => o.MaxIdLength = 8 },
        { "Profiles:Ingest:MaxPastDays", o => o.MaxPastDays = 0 },
        { "Profiles:Ingest:MaxFutureMinutes", o => o.MaxFutureMinutes = -1 },
        { "Profiles:Ingest:Currencies", o => o.BaseCurrency = "XYZ" },
        { "Profiles:Ingest:Currencies", o => o.Currencies["USD"] = 2m },
        { "Profiles:Ingest:Currencies:EURO", o => o.Currencies["EURO"] = 1.1m },
        { "Profiles:Ingest:Currencies:GBP", o => o.Currencies["GBP"] = 0m },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void ABadSettingIsRejectedByName(string setting, Action<IngestOptions> spoil)
    {
        var options = new IngestOptions();
        spoil(options);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SegmentIngestion(options));
    }

    [Fact]
    public void TheDefaultsAreValidAndFollowSegmentsLimits()
    {
        var options = new IngestOptions();

        options.Validate();
        Assert.Equal((500 * 1024, 32 * 1024, 2500), (options.MaxRequestBytes, options.MaxEventBytes, options.MaxBatchEvents));
        Assert.Equal("USD", options.BaseCurrency);
    }

    [Fact]
    public void ALowerBatchLimitIsEnforced()
    {
        var ingestion = new SegmentIngestion(new IngestOptions { MaxBatchEvents = 2 });

        Assert.Throws<SegmentRequestException>(() => ingestion.ReadBatch(
            SegmentJson.Batch("""{"type":"page","userId":"u"}""", """{"type":"page","userId":"u"}""", """{"type":"page","userId":"u"}"""),
            SegmentJson.ReceivedAt));
    }
}
