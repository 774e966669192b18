using Microsoft.AspNetCore.Http.HttpResults;
using Profiles.Domain.Ingest;
using Profiles.Host.OpenApi;

namespace Profiles.Host.Apis;

/// <summary>The Segment tracking API: <c>/v1/batch</c> and the single calls, behind a write key (HTTP Basic or <c>writeKey</c> in the body).</summary>
public static class IngestApi
{
    private static readonly (string Path, SegmentCallType Type)[] SingleCalls =
    [
        ("/track", SegmentCallType.Track),
        ("/identify", SegmentCallType.Identify),
        ("/page", SegmentCallType.Page),
        ("/screen", SegmentCallType.Screen),
        ("/alias", SegmentCallType.Alias),
        ("/group", SegmentCallType.Group),
    ];

    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        // The write key may be in HTTP Basic or in the body, which only the pipeline reads: it authenticates itself.
        var api = app.MapGroup("/v1").AllowAnonymous().WithTags("Ingest")
            .WithMetadata(WriteKeyRequired.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The body is described for the API reference only: the pipeline reads it itself (content types included, with
        // its own answers), so it is not an Accepts constraint of the route.
        api.MapPost("/batch", Batch).WithMetadata(new DocumentedBody(typeof(SegmentBatchRequest)));
        foreach (var (path, type) in SingleCalls)
        {
            var name = type.ToString().ToLowerInvariant();
            api.MapPost(path, (HttpContext context, IngestPipeline pipeline) => Single(context, pipeline, type))
                .WithMetadata(new DocumentedBody(typeof(SegmentCallRequest)))
                .WithName($"Single{type}")
                .WithSummary($"One {name} call")
                .WithDescription($"One Segment {name} call: kept (200, as a batch of one), or 400 with the reason it was rejected.");
        }
        return app;
    }

    /// <summary>Many events of any type: each is kept or listed as rejected with its index and reason.</summary>
    public static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> Batch(HttpContext context, IngestPipeline pipeline) =>
        pipeline.HandleAsync(context, single: null);

    /// <summary>One event of the path's type: kept, or a 400 that says why not.</summary>
    public static Task<Results<Ok<IngestResponse>, ProblemHttpResult>> Single(HttpContext context, IngestPipeline pipeline, SegmentCallType type) =>
        pipeline.HandleAsync(context, type);
}
