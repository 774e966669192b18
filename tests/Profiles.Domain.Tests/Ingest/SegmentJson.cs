using System.Text;
using Profiles.Domain.Ingest;

namespace Profiles.Domain.Tests.Ingest;

/// <summary>Builds request bodies and reads them with the default <see cref="IngestOptions"/>.</summary>
internal static class SegmentJson
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SegmentIngestion Ingestion { get; } = new(new IngestOptions());

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static byte[] Batch(params string[] events) => Bytes($$"""{"batch":[{{string.Join(",", events)}}]}""");

    public static IngestPlan Read(params string[] events) => Ingestion.ReadBatch(Batch(events), ReceivedAt);

    /// <summary>Reads a batch of one event that must be accepted.</summary>
    public static AcceptedEvent Accept(string json)
    {
        var plan = Read(json);
        Assert.Empty(plan.Rejected);
        return Assert.Single(plan.Accepted);
    }

    public static T Accept<T>(string json) => Assert.IsType<T>(Accept(json).Event);
}
