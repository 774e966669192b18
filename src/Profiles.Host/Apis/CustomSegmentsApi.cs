using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Abstractions.CustomSegments;
using Profiles.Domain.Classification;
using Profiles.Domain.Conditions;
using Profiles.Grains.Audiences;
using Profiles.Host.Auth;
using Profiles.Host.OpenApi;

namespace Profiles.Host.Apis;

/// <summary>
/// Custom segments defined at runtime: defined, redefined and removed by admins, in force on every silo within about a
/// second, each backfilled over every known customer; read (with members and backfill progress) by ops and admins.
/// </summary>
public static class CustomSegmentsApi
{
    /// <summary>The largest definition body accepted.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private const string NameDescription = "The segment's name: letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64 (its dimension is segment:<name>).";

    private const string Runtime = "runtime";
    private const string Configuration = "configuration";

    public static IEndpointRouteBuilder MapCustomSegmentsApi(this IEndpointRouteBuilder app)
    {
        // Mapped on its own: a group's empty route would be "/api/segments/" with a trailing slash.
        app.MapGet("/api/segments", ListSegments).RequireAuthorization(Policies.ReadStatistics).WithTags("Segments")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        var read = app.MapGroup("/api/segments").RequireAuthorization(Policies.ReadStatistics).WithTags("Segments")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        read.MapGet("/{name}", GetSegment);
        var manage = app.MapGroup("/api/segments").RequireAuthorization(Policies.ManageCustomSegments).WithTags("Segments")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The body is read by the handler (its own answers to bad JSON), so it is documented, not an Accepts constraint.
        manage.MapPut("/{name}", PutSegment).WithMetadata(new DocumentedBody(typeof(CustomSegmentDefinitionRequest)));
        manage.MapDelete("/{name}", DeleteSegment);
        return app;
    }

    /// <summary>Every custom segment with its members now and, for a runtime one, its backfill progress.</summary>
    public static async Task<Ok<CustomSegmentsResponse>> ListSegments(
        IGrainFactory grains, IOptions<ClassificationOptions> classification, IOptions<AudienceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(options);
        var catalog = await grains.GetGrain<ICustomSegmentCatalogGrain>(0).GetAsync();
        var configured = classification.Value.ParseCustomSegments();
        var segments = await Task.WhenAll(
            configured.Select(s => DescribeAsync(grains, s.Name, s.Condition.Text, null))
                .Concat(catalog.Segments.Select(s => DescribeAsync(grains, s.Name, s.Condition, s))));
        return TypedResults.Ok(new CustomSegmentsResponse(catalog.Version, options.Value.MaxSegments, segments));
    }

    /// <summary>One custom segment: its condition, members now and, for a runtime one, its backfill progress.</summary>
    public static async Task<Results<Ok<CustomSegmentResponse>, ProblemHttpResult>> GetSegment(
        [Description(NameDescription)] string name, HttpContext context, IGrainFactory grains, IOptions<ClassificationOptions> classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        name = RawRoute.Value(context, "name", name);
        if (NameProblem(name) is { } problem) return Problems.BadRequest(problem);
        if (Configured(classification.Value, name) is { } configured)
            return TypedResults.Ok(await DescribeAsync(grains, configured.Name, configured.Condition.Text, null));
        var catalog = await grains.GetGrain<ICustomSegmentCatalogGrain>(0).GetAsync();
        var segment = catalog.Segments.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        return segment is null ? Problems.NotFound(Unknown(name)) : TypedResults.Ok(await DescribeAsync(grains, segment.Name, segment.Condition, segment));
    }

    /// <summary>
    /// Defines the segment <paramref name="name"/> (201) or gives it a new condition (200): in force on every silo within
    /// about a second, and a backfill evaluates every known customer. A condition that cannot be read answers 400 naming the
    /// position; a name the configuration defines, or one segment more than <c>Profiles:Audiences:MaxSegments</c>, 409.
    /// </summary>
    public static async Task<Results<Created<CustomSegmentResponse>, Ok<CustomSegmentResponse>, ProblemHttpResult>> PutSegment(
        [Description(NameDescription)] string name, HttpContext context, IGrainFactory grains, IOptions<ClassificationOptions> classification, IOptions<AudienceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(options);
        name = RawRoute.Value(context, "name", name);
        if (NameProblem(name) is { } nameProblem) return Problems.BadRequest(nameProblem);
        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is not { } bytes) return Problems.TooLarge(MaxBodyBytes);
        if (ReadCondition(bytes) is not { } condition)
            return Problems.BadRequest("The body must be a JSON object with a \"condition\" string, e.g. {\"condition\": \"valueTier = 'A' and frequency >= 3\"}.");
        if (string.IsNullOrWhiteSpace(condition)) return Problems.BadRequest("The condition is empty.");
        if (condition.Length > Condition.MaxLength) return Problems.BadRequest($"The condition is {condition.Length} characters; at most {Condition.MaxLength}.");
        try
        {
            _ = Condition.Parse(condition, ProfileFields.KindOf);
        }
        catch (ConditionSyntaxException e)
        {
            return TypedResults.Problem(
                $"The condition is invalid at position {e.Position}: {e.Problem}.", statusCode: StatusCodes.Status400BadRequest,
                title: "The condition cannot be read",
                extensions: new Dictionary<string, object?> { ["position"] = e.Position, ["problem"] = e.Problem });
        }
        if (Configured(classification.Value, name) is { } configured)
            return Conflict($"The segment '{configured.Name}' is defined in configuration (Profiles:Segments:Custom); change it there, or choose another name.");

        var definition = await grains.GetGrain<ICustomSegmentCatalogGrain>(0).DefineAsync(name, condition, options.Value.MaxSegments);
        if (definition.Outcome == CustomSegmentDefinitionOutcome.LimitReached || definition.Segment is not { } segment)
            return Conflict($"At most {options.Value.MaxSegments} segments may be defined at runtime (Profiles:Audiences:MaxSegments); remove one first.");
        var response = await DescribeAsync(grains, segment.Name, segment.Condition, segment);
        return definition.Outcome == CustomSegmentDefinitionOutcome.Created
            ? TypedResults.Created($"/api/segments/{Uri.EscapeDataString(segment.Name)}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>
    /// Removes a runtime custom segment: no longer classified on any silo within about a second, and a walk drops its
    /// class from every customer (and so from the member lists and the class counts). 404 when there is none of that
    /// name.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSegment(
        [Description(NameDescription)] string name, HttpContext context, IGrainFactory grains, IOptions<ClassificationOptions> classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        name = RawRoute.Value(context, "name", name);
        if (NameProblem(name) is { } problem) return Problems.BadRequest(problem);
        if (Configured(classification.Value, name) is { } configured)
            return Conflict($"The segment '{configured.Name}' is defined in configuration (Profiles:Segments:Custom); remove it there.");
        var removed = await grains.GetGrain<ICustomSegmentCatalogGrain>(0).RemoveAsync(name);
        return removed is null ? Problems.NotFound(Unknown(name)) : TypedResults.NoContent();
    }

    private static async Task<CustomSegmentResponse> DescribeAsync(IGrainFactory grains, string name, string condition, RuntimeCustomSegment? runtime)
    {
        var dimension = Dimensions.CustomSegment(name);
        var members = AudienceReader.CountAsync(grains, [new AudienceTerm(dimension, CustomSegment.Member)]);
        BackfillResponse? backfill = null;
        if (runtime is not null)
        {
            var progress = await grains.GetGrain<ICustomSegmentBackfillGrain>(runtime.WalkKey).GetProgressAsync();
            backfill = new BackfillResponse(progress.Walked, progress.Total, progress.Fraction, progress.Done, progress.StartedAt, progress.FinishedAt);
        }
        return new CustomSegmentResponse(name, dimension, condition, runtime is null ? Configuration : Runtime, await members,
            runtime?.DefinedAt, runtime?.Generation, backfill);
    }

    private static CustomSegment? Configured(ClassificationOptions options, string name) =>
        options.ParseCustomSegments().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string? ReadCondition(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            return json.RootElement.ValueKind == JsonValueKind.Object &&
                   (json.RootElement.TryGetProperty("condition", out var condition) || json.RootElement.TryGetProperty("Condition", out condition)) &&
                   condition.ValueKind == JsonValueKind.String
                ? condition.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NameProblem(string name) =>
        CustomSegment.IsValidName(name)
            ? null
            : $"A segment name is 1 to {CustomSegment.MaxNameLength} letters, digits, '-', '_' or '.', starting with a letter or digit.";

    private static string Unknown(string name) => $"There is no custom segment '{name}'.";

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The segment cannot be changed so");
}
