using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>Reads the records of a CSV file (first row is the header) or an NDJSON file (one JSON object per line).</summary>
public sealed class RecordReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly InputFormat _format;
    private readonly CsvParser? _csv;
    private long _ndjsonChars;
    private int _ndjsonLine;

    public RecordReader(string path, InputFormat format)
    {
        _reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        _format = format;
        if (format == InputFormat.Csv)
        {
            _csv = new CsvParser(_reader);
            Header = _csv.ReadRecord()?.Fields ?? [];
        }
    }

    /// <summary>The CSV column names (empty for NDJSON).</summary>
    public IReadOnlyList<string> Header { get; } = [];

    /// <summary>Characters read so far, for progress.</summary>
    public long CharsRead => _csv?.CharsRead ?? _ndjsonChars;

    public IEnumerable<SourceRecord> Records()
    {
        return _format == InputFormat.Csv ? CsvRecords() : NdjsonRecords();
    }

    private IEnumerable<SourceRecord> CsvRecords()
    {
        while (_csv!.ReadRecord() is var (line, fields))
        {
            if (fields is [""]) continue; // a blank line
            if (fields.Count != Header.Count)
            {
                yield return SourceRecord.Unreadable(line, $"has {fields.Count} fields but the header has {Header.Count}");
                continue;
            }
            var columns = new Dictionary<string, string>(Header.Count, StringComparer.Ordinal);
            for (var i = 0; i < fields.Count; i++) columns[Header[i]] = fields[i];
            yield return SourceRecord.FromColumns(line, columns);
        }
    }

    private IEnumerable<SourceRecord> NdjsonRecords()
    {
        while (_reader.ReadLine() is { } text)
        {
            _ndjsonLine++;
            _ndjsonChars += text.Length + 1;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonNode? node;
            string? problem = null;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                node = null;
                problem = $"is not valid JSON: {e.Message}";
            }
            if (node is JsonObject obj) yield return SourceRecord.FromJson(_ndjsonLine, obj);
            else yield return SourceRecord.Unreadable(_ndjsonLine, problem ?? "is not a JSON object");
        }
    }

    public void Dispose() => _reader.Dispose();
}
