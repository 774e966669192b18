using Profiles.Domain.Ingest;

namespace Profiles.Domain.Tests.Ingest;

public sealed class IngestOptionsTests
{
    [Fact]
    public void TheDefaultsFollowSegmentsLimits()
    {
        var options = new IngestOptions();

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
