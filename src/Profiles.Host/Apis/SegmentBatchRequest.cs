using System.Text.Json.Nodes;

namespace Profiles.Host.Apis;

/// <summary>The body of <c>POST /v1/batch</c>: up to 2,500 calls (the API reference's schema of the body).</summary>
/// <param name="Batch">The calls, each kept or listed as rejected with its index and reason.</param>
/// <param name="SentAt">When the client sent the batch, for the clock-skew correction of calls without their own.</param>
/// <param name="Context">Context shared by every call of the batch.</param>
/// <param name="WriteKey">The write key, for clients that cannot send HTTP Basic.</param>
public sealed record SegmentBatchRequest(
    IReadOnlyList<SegmentCallRequest> Batch,
    DateTimeOffset? SentAt = null,
    JsonObject? Context = null,
    string? WriteKey = null);
