using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// The records read since the last acknowledged batch: the events to send with the line each came from, the records that
/// could not be mapped, and the last line read, up to which the file is done once the batch is acknowledged.
/// </summary>
internal sealed class PendingBatch(int lastLine)
{
    public JsonArray Events { get; private set; } = [];

    /// <summary>The line of each event, by its index in the batch (the server names rejected events by index).</summary>
    public List<int> Lines { get; } = [];

    /// <summary>Records rejected before sending: their line and why.</summary>
    public List<(int Line, string? MessageId, string Reason)> Rejects { get; } = [];

    public int LastLine { get; private set; } = lastLine;

    public bool IsEmpty => Events.Count == 0 && Rejects.Count == 0;

    private int _chars;

    /// <summary>Whether an event of <paramref name="chars"/> characters must go in the next batch: this one is full by count or size.</summary>
    public bool IsFullFor(int chars, int batchSize) => Events.Count > 0 && (Events.Count >= batchSize || _chars + chars > Importer.MaxRequestChars);

    public void Add(JsonObject message, int line, int chars)
    {
        Events.Add(message);
        Lines.Add(line);
        _chars += chars + 1;
        LastLine = line;
    }

    public void Reject(int line, string reason)
    {
        Rejects.Add((line, null, reason));
        LastLine = line;
    }

    /// <summary>Starts the next batch; the last line read stays.</summary>
    public void Clear()
    {
        Events = [];
        Lines.Clear();
        Rejects.Clear();
        _chars = 0;
    }
}
