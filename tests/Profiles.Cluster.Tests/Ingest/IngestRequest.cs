using System.Text.Json.Nodes;

namespace Profiles.Cluster.Tests.Ingest;

/// <summary>One <c>/v1/batch</c> request; its body is fixed once, so every retry carries the same message ids.</summary>
internal sealed class IngestRequest
{
    public IngestRequest(int number, IReadOnlyList<TestEvent> events)
    {
        Number = number;
        Events = events;
        Body = new JsonObject { ["batch"] = new JsonArray([.. events.Select(e => (JsonNode)e.ToSegment())]) }.ToJsonString();
    }

    public int Number { get; }

    public IReadOnlyList<TestEvent> Events { get; }

    public string Body { get; }

    /// <summary>Cuts <paramref name="events"/> into requests of <paramref name="size"/> events, in order.</summary>
    public static IReadOnlyList<IngestRequest> Chunk(IEnumerable<TestEvent> events, int size) =>
        [.. events.Chunk(size).Select((chunk, i) => new IngestRequest(i, chunk))];
}
