using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Profiles.Abstractions.Grains;
using Profiles.Domain.Segment;
using Profiles.Grains.Diagnostics;
using Profiles.Grains.Hosting;

namespace Profiles.Host.Apis;

/// <summary>
/// One ingest request end to end: read the body within the limit, validate each event, group the accepted ones by
/// customer and hand each group to its customer's grain, answering once every accepted event is stored.
/// </summary>
public sealed partial class IngestPipeline(
    SegmentIngestion ingestion, IGrainFactory grains, ProfileClock time, ProfilesMetrics metrics, ILogger<IngestPipeline> logger)
{
    // Request-level structured-log scope: the call type and, for a single call, its message id (a batch has many).
    private static readonly Func<ILogger, string, string?, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string, string?>("Ingest {Call} {MessageId}");

    public async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleAsync(HttpContext context, SegmentCallType? single)
    {
        ArgumentNullException.ThrowIfNull(context);
        metrics.IngestStarted();
        try
        {
            return await HandleCoreAsync(context, single);
        }
        finally
        {
            metrics.IngestEnded();
        }
    }

    private async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> HandleCoreAsync(HttpContext context, SegmentCallType? single)
    {
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

        var messageId = single is not null && plan.Accepted is [var only] ? only.Event.MessageId : null;
        using var scope = RequestScope(logger, single?.ToString() ?? "batch", messageId);
        if (single is not null && plan.Rejected is [var rejection])
        {
            metrics.EventsIngested(accepted: 0, duplicates: 0, rejected: 1);
            return Problems.BadRequest($"The event was rejected: {rejection.Reason}.");
        }

        try
        {
            var results = await Task.WhenAll(plan.Accepted
                .GroupBy(a => a.CustomerId, StringComparer.Ordinal)
                .Select(g => grains.GetGrain<ICustomerGrain>(g.Key).ApplyAsync([.. g.Select(a => a.Event)])));
            var duplicates = results.Sum(r => r.Duplicates);
            metrics.EventsIngested(plan.Accepted.Count, duplicates, plan.Rejected.Count);
            return TypedResults.Ok(new IngestResponse(true, plan.Accepted.Count, duplicates, plan.Rejected));
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogStoreFailed(e, plan.Accepted.Count);
            metrics.EventsFailed(plan.Accepted.Count);
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
