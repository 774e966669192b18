using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// One record of the input: the line it starts on and its fields by name (CSV columns, or NDJSON properties where a
/// dotted name reaches into nested objects). <see cref="Problem"/> is set when the record cannot be read at all.
/// </summary>
public sealed class SourceRecord
{
    private readonly IReadOnlyDictionary<string, string>? _columns;
    private readonly JsonObject? _json;

    private SourceRecord(int line, IReadOnlyDictionary<string, string>? columns, JsonObject? json, string? problem)
    {
        Line = line;
        _columns = columns;
        _json = json;
        Problem = problem;
    }

    public int Line { get; }

    public string? Problem { get; }

    public static SourceRecord FromColumns(int line, IReadOnlyDictionary<string, string> columns) => new(line, columns, null, null);

    public static SourceRecord FromJson(int line, JsonObject json) => new(line, null, json, null);

    public static SourceRecord Unreadable(int line, string problem) => new(line, null, null, problem);

    /// <summary>The field's value as JSON; false when the record has no such field or it is empty.</summary>
    public bool TryGet(string name, out JsonNode? value)
    {
        value = null;
        if (_columns is not null)
        {
            if (!_columns.TryGetValue(name, out var text) || text.Length == 0) return false;
            value = CsvValues.ToJson(text);
            return true;
        }

        JsonNode? node = _json;
        foreach (var part in name.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node)) return false;
        }
        if (node is null) return false;
        value = node.DeepClone();
        return true;
    }
}
