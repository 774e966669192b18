using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Profiles.Abstractions.Audiences;
using Profiles.Abstractions.Grains;
using Profiles.Grains.Audiences;

namespace Profiles.Host.Apis;

/// <summary>
/// Turns listed members into what a listing shows: each member's id, its classes in the dimensions asked for (from the
/// index, with the id) and its profile fields (read from the customers, a bounded number at once, in the listing's order);
/// and writes a whole audience as CSV or NDJSON, a thousand members at a time.
/// </summary>
public static class AudienceMembers
{
    /// <summary>The column and property of the member's id.</summary>
    public const string IdField = "customerId";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>The members with their fields, in order.</summary>
    public static async Task<List<IReadOnlyDictionary<string, object?>>> ReadAsync(
        IReadOnlyList<AudienceMember> members, AudienceRequest request, IGrainFactory grains, int concurrency)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(request);
        var profiles = await ProfileFieldsAsync(members, request, grains, concurrency);
        var rows = new List<IReadOnlyDictionary<string, object?>>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal) { [IdField] = members[i].CustomerId };
            foreach (var field in request.Fields) row[field] = Value(request, field, members[i], profiles[i]);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Writes the audience from the request's cursor to its end, as CSV (a header row first) or NDJSON.</summary>
    public static async Task WriteAsync(Stream stream, AudienceRequest request, IGrainFactory grains, int concurrency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(request);
        var csv = request.Format == "csv";
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        var line = new StringBuilder(256);
        if (csv) WriteCsvRow(buffer, line, [IdField, .. request.Fields]);
        var batch = new List<AudienceMember>(AudienceReader.StreamPage);
        await foreach (var member in AudienceReader.StreamAsync(grains, request.Terms, request.Cursor, request.ClassFields, cancellationToken))
        {
            batch.Add(member);
            if (batch.Count < AudienceReader.StreamPage) continue;
            await WriteBatchAsync(stream, buffer, line, batch, request, grains, concurrency, csv, cancellationToken);
            batch.Clear();
        }
        await WriteBatchAsync(stream, buffer, line, batch, request, grains, concurrency, csv, cancellationToken);
    }

    private static async Task WriteBatchAsync(Stream stream, ArrayBufferWriter<byte> buffer, StringBuilder line, List<AudienceMember> batch, AudienceRequest request,
        IGrainFactory grains, int concurrency, bool csv, CancellationToken cancellationToken)
    {
        var profiles = await ProfileFieldsAsync(batch, request, grains, concurrency);
        using var json = csv ? null : new Utf8JsonWriter(buffer);
        var cells = new string?[request.Fields.Length + 1];
        for (var i = 0; i < batch.Count; i++)
        {
            if (csv)
            {
                cells[0] = Text(batch[i].CustomerId);
                for (var f = 0; f < request.Fields.Length; f++) cells[f + 1] = Text(Value(request, request.Fields[f], batch[i], profiles[i]));
                WriteCsvRow(buffer, line, cells);
                continue;
            }
            json!.Reset(buffer);
            json.WriteStartObject();
            json.WriteString(IdField, batch[i].CustomerId);
            foreach (var field in request.Fields)
            {
                switch (Value(request, field, batch[i], profiles[i]))
                {
                    case double number: json.WriteNumber(field, number); break;
                    case string text: json.WriteString(field, text); break;
                    default: json.WriteNull(field); break;
                }
            }
            json.WriteEndObject();
            json.Flush();
            buffer.Write(NewLine);
        }
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        buffer.ResetWrittenCount();
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The profile fields of each member (empty arrays when none were asked for), read a bounded number at once.</summary>
    private static async Task<ImmutableArray<MemberFieldValue>[]> ProfileFieldsAsync(
        IReadOnlyList<AudienceMember> members, AudienceRequest request, IGrainFactory grains, int concurrency)
    {
        var values = new ImmutableArray<MemberFieldValue>[members.Count];
        if (request.ProfileFields.IsEmpty)
        {
            Array.Fill(values, []);
            return values;
        }
        using var slots = new SemaphoreSlim(concurrency);
        await Task.WhenAll(Enumerable.Range(0, members.Count).Select(async i =>
        {
            await slots.WaitAsync();
            try
            {
                values[i] = await grains.GetGrain<ICustomerGrain>(members[i].CustomerId).ReadFieldsAsync(request.ProfileFields);
            }
            finally
            {
                slots.Release();
            }
        }));
        return values;
    }

    /// <summary>A field's value: a class (text), a number, a text, or null when the member has none.</summary>
    private static object? Value(AudienceRequest request, string field, AudienceMember member, ImmutableArray<MemberFieldValue> profile)
    {
        var classIndex = request.ClassFields.IndexOf(field);
        if (classIndex >= 0) return classIndex < member.Classes.Length ? member.Classes[classIndex] : null;
        var profileIndex = request.ProfileFields.IndexOf(field);
        if (profileIndex < 0 || profileIndex >= profile.Length) return null;
        var value = profile[profileIndex];
        return value.Number is { } number ? number : value.Text;
    }

    private static string? Text(object? value) => value switch
    {
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        string text => Formula(text) ? "'" + text : text,
        _ => null,
    };

    /// <summary>Whether a spreadsheet would run the text as a formula; such a text is written after a quote mark (OWASP's advice for CSV).</summary>
    private static bool Formula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>One RFC 4180 row: a cell with a comma, quote or line break is quoted, quotes doubled; an empty cell is nothing.</summary>
    private static void WriteCsvRow(ArrayBufferWriter<byte> buffer, StringBuilder line, IReadOnlyList<string?> cells)
    {
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append(',');
            if (cells[i] is not { } cell) continue;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                line.Append(cell);
                continue;
            }
            line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        line.Append("\r\n");
        var text = line.ToString();
        buffer.Advance(Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
    }
}
