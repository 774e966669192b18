using Microsoft.AspNetCore.Http.HttpResults;
using Profiles.Domain.Segment;

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
        var api = app.MapGroup("/v1").AllowAnonymous().WithTags("Ingest");
        api.MapPost("/batch", Batch);
        foreach (var (path, type) in SingleCalls)
        {
            api.MapPost(path, (HttpContext context, IngestPipeline pipeline) => Single(context, pipeline, type));
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
