using System.Collections.Immutable;
using Profiles.Abstractions.Audiences;
using Profiles.Domain.Audiences;
using Profiles.Grains.Audiences;

namespace Profiles.Host.Apis;

/// <summary>
/// A member listing or export as asked: the audience (the path's class and every <c>and</c> class), the page, the format and
/// the fields to show, each checked against the dimensions in force and the bounds of <see cref="AudienceOptions"/>.
/// </summary>
public sealed record AudienceRequest
{
    /// <summary>The longest class name accepted in a path or an <c>and</c>.</summary>
    public const int MaxClassLength = 200;

    public required AudienceTerm Audience { get; init; }

    /// <summary>The path's class first, then each <c>and</c> class.</summary>
    public required ImmutableArray<AudienceTerm> Terms { get; init; }

    public required AudienceCursor Cursor { get; init; }

    public required int Limit { get; init; }

    /// <summary><c>json</c> (a page), <c>csv</c> or <c>ndjson</c> (the whole audience, from the cursor on).</summary>
    public required string Format { get; init; }

    /// <summary>Every field asked for, in order.</summary>
    public required ImmutableArray<string> Fields { get; init; }

    /// <summary>The fields that are dimensions: read from the index with the ids.</summary>
    public required ImmutableArray<string> ClassFields { get; init; }

    /// <summary>The fields read from each member's profile.</summary>
    public required ImmutableArray<string> ProfileFields { get; init; }

    public bool IsExport => Format != "json";

    /// <summary>Reads the request; null with the problem when a part of it is wrong (400), or names an unknown dimension (404).</summary>
    public static (AudienceRequest? Request, int Status, string? Problem) Read(
        string dimension, string value, AudienceQueryString query, IReadOnlyList<string> dimensions, AudienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(options);
        if (!dimensions.Contains(dimension, StringComparer.Ordinal))
            return (null, StatusCodes.Status404NotFound, $"There is no dimension '{Clip(dimension)}'. The dimensions are: {string.Join(", ", dimensions)}.");
        if (ClassProblem(value) is { } classProblem) return Fail(classProblem);

        var terms = ImmutableArray.CreateBuilder<AudienceTerm>();
        terms.Add(new AudienceTerm(dimension, value));
        foreach (var and in query.And ?? [])
        {
            if (string.IsNullOrEmpty(and)) return Fail("An 'and' is empty: give it as and=<dimension>:<class>, e.g. and=lifecycle:dormant.");
            var known = dimensions.Where(d => and.StartsWith(d + ":", StringComparison.Ordinal)).MaxBy(d => d.Length);
            if (known is null) return Fail($"'and={Clip(and)}' names no dimension: give it as and=<dimension>:<class> with one of {string.Join(", ", dimensions)}.");
            var andClass = and[(known.Length + 1)..];
            if (ClassProblem(andClass) is { } andProblem) return Fail($"'and={Clip(and)}': {andProblem}");
            terms.Add(new AudienceTerm(known, andClass));
        }
        if (terms.Count > options.MaxTerms) return Fail($"An audience is at most {options.MaxTerms} classes (the path's and {options.MaxTerms - 1} 'and'), not {terms.Count}.");

        var limit = options.DefaultPageSize;
        var limitText = query.Limit;
        if (limitText is not null && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > options.MaxPageSize))
            return Fail($"'limit' must be a whole number from 1 to {options.MaxPageSize}, not '{Clip(limitText)}' (export the whole audience with format=csv or format=ndjson).");

        var cursor = AudienceCursor.Start;
        if (query.Cursor is { } cursorText && !AudienceCursor.TryDecode(cursorText, out cursor))
            return Fail("'cursor' is not one this API gave: pass the 'next' of the previous page as it was.");

        var formatText = query.Format;
        var format = formatText?.ToLowerInvariant() ?? "json";
        if (format is not ("json" or "csv" or "ndjson")) return Fail($"'format' is json (a page), csv or ndjson (the whole audience), not '{Clip(formatText!)}'.");

        var fields = (query.Fields ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (fields.Count > options.MaxFields) return Fail($"At most {options.MaxFields} fields may be asked for, not {fields.Count}.");
        var classFields = new List<string>();
        var profileFields = new List<string>();
        foreach (var field in fields)
        {
            if (dimensions.Contains(field, StringComparer.Ordinal)) classFields.Add(field);
            else if (MemberFields.Exists(field)) profileFields.Add(field);
            else return Fail($"There is no field '{Clip(field)}': a field is a dimension ({string.Join(", ", dimensions)}), {MemberFields.Email}, traits.<key> or a figure of the condition language (monetary, frequency, recency, orders, lifetimeRevenue, …).");
        }

        return (new AudienceRequest
        {
            Audience = terms[0],
            Terms = terms.ToImmutable(),
            Cursor = cursor,
            Limit = limit,
            Format = format,
            Fields = [.. fields],
            ClassFields = [.. classFields],
            ProfileFields = [.. profileFields],
        }, StatusCodes.Status200OK, null);

        static (AudienceRequest?, int, string?) Fail(string problem) => (null, StatusCodes.Status400BadRequest, problem);
    }

    private static string? ClassProblem(string value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxClassLength || value.Any(char.IsControl)
            ? $"A class is 1 to {MaxClassLength} characters, not only white space and without control characters, not '{Clip(value)}'."
            : null;

    private static string Clip(string text)
    {
        var printable = new string([.. text.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return text.Length > 80 ? printable + "…" : printable;
    }
}
