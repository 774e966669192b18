using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Profiles.Grains.Audiences;
using Profiles.Grains.Statistics;
using Profiles.Host.Auth;
using Profiles.Host.OpenApi;

namespace Profiles.Host.Apis;

/// <summary>
/// Who is in each class, live: the members of any class of any dimension (intersections with <c>and</c>), a page at a time
/// or the whole audience as CSV or NDJSON, for ops and admin (as the class counts of <c>/api/stats</c>).
/// </summary>
public static class AudiencesApi
{
    public static IEndpointRouteBuilder MapAudiencesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audiences").RequireAuthorization(Policies.ReadStatistics).WithTags("Audiences")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/{dimension}/{class}/members", GetMembers)
            .WithMetadata(new StreamedExport("text/csv", "application/x-ndjson"));
        return app;
    }

    /// <summary>
    /// The customers in class <paramref name="class"/> of <paramref name="dimension"/> (and in every <c>and</c> class), in a
    /// stable order (shard by shard, by id), with how many there are now. A page at a time as JSON with the cursor of the
    /// next; with <c>format=csv</c> or <c>format=ndjson</c> the whole audience from the cursor on, streamed as a download.
    /// </summary>
    public static async Task<Results<Ok<AudienceMembersResponse>, PushStreamHttpResult, ProblemHttpResult>> GetMembers(
        [Description("A dimension: lifecycle, rfm, value, …, or segment:<name> for a custom segment.")] string dimension,
        [Description("A class of the dimension: dormant, champions, A, member, …")] string @class,
        [Description("Members in a page: default 100, at most Profiles:Audiences:MaxPageSize (1,000).")] string? limit,
        [Description("The 'next' of the previous page; none for the first.")] string? cursor,
        [Description("Further classes each member must be in, as <dimension>:<class>; repeatable.")][FromQuery(Name = "and")] string[]? and,
        [Description("json (a page, the default), csv or ndjson (the whole audience from the cursor on).")] string? format,
        [Description("Comma-separated fields shown with each member: dimensions, email, traits.<key> or figures such as monetary.")] string? fields,
        HttpContext context, IGrainFactory grains, ClassifierSource classifiers, IOptions<AudienceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(classifiers);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var (request, status, problem) = AudienceRequest.Read(
            RawRoute.Value(context, "dimension", dimension), RawRoute.Value(context, "class", @class), new AudienceQueryString(limit, cursor, and, format, fields),
            classifiers.Current.Dimensions, settings);
        if (request is null)
        {
            return status == StatusCodes.Status404NotFound
                ? Problems.NotFound(problem!)
                : Problems.BadRequest(problem!);
        }

        if (request.IsExport)
        {
            var csv = request.Format == "csv";
            var name = $"audience-{FileName(request.Audience.Dimension)}-{FileName(request.Audience.Class)}.{request.Format}";
            return TypedResults.Stream(
                stream => AudienceMembers.WriteAsync(stream, request, grains, settings.FieldReadConcurrency, context.RequestAborted),
                csv ? "text/csv; charset=utf-8" : "application/x-ndjson", name);
        }

        var count = AudienceReader.CountAsync(grains, request.Terms);
        var (members, next) = await AudienceReader.PageAsync(grains, request.Terms, request.Cursor, request.Limit, request.ClassFields);
        var rows = await AudienceMembers.ReadAsync(members, request, grains, settings.FieldReadConcurrency);
        return TypedResults.Ok(new AudienceMembersResponse(
            request.Audience.Dimension, request.Audience.Class,
            [.. request.Terms.Skip(1).Select(t => new AudienceClassResponse(t.Dimension, t.Class))],
            await count, rows, next?.Encode()));
    }

    private static string FileName(string text) =>
        new([.. text.Take(60).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
