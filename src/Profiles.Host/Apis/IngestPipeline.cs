using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Segment;

namespace Profiles.Host.Apis;

/// <summary>
/// One ingest request end to end: read the body within the limit, validate each event, group the accepted ones by
/// customer and hand each group to its customer's grain, answering once every accepted event is stored.
/// </summary>
public sealed partial class IngestPipeline(SegmentIngestion ingestion, IGrainFactory grains, TimeProvider time, ILogger<IngestPipeline> logger)
{
    public async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, SegmentCallType? single)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!IsJson(request.ContentType))
            return Problems.BadRequest($"Content-Type must be application/json, not '{request.ContentType ?? "(none)"}'.");

        var limit = ingestion.Options.MaxRequestBytes;
        ReadOnlyMemory<byte>? body;
        try
        {
            body = await RequestBody.ReadAsync(request, limit, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Problems.BadRequest("The body is marked gzip but is not valid gzip data.");
        }
        if (body is not { } bytes) return Problems.TooLarge(limit);

        IngestPlan plan;
        try
        {
            var receivedAt = time.GetUtcNow();
            plan = single is { } type ? ingestion.ReadSingle(bytes, type, receivedAt) : ingestion.ReadBatch(bytes, receivedAt);
        }
        catch (SegmentRequestException e)
        {
            return Problems.BadRequest(e.Message);
        }

        if (single is not null && plan.Rejected is [var rejection])
            return Problems.BadRequest($"The event was rejected: {rejection.Reason}.");

        try
        {
            var results = await Task.WhenAll(plan.Accepted
                .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
                .Select(g => grains.GetGrain<ICustomerGrain>(g.Key).ApplyAsync([.. g.Select(a => a.Event)])));
            return TypedResults.Ok(new IngestResponse(true, plan.Accepted.Count, results.Sum(r => r.Duplicates), plan.Rejected));
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogStoreFailed(e, plan.Accepted.Count);
            return Problems.Unavailable(context,
                "The events could not all be stored. Retry the same request (same message ids): events already stored are not counted twice.");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) &&
        (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
         media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} accepted events; answered 503")]
    private partial void LogStoreFailed(Exception exception, int count);
}
