using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// One import run: hashes the file (its identity for message ids and the state file), skips what an earlier run had
/// acknowledged, maps and sends the rest in batches one at a time, and after each acknowledged batch lists its
/// rejected records and saves the state.
/// </summary>
public sealed class Importer(ImportSettings settings, HttpClient http, TextWriter log, bool interactive)
{
    /// <summary>Called after each batch is acknowledged and the state saved; tests interrupt a run here.</summary>
    public Action<ImportState>? BatchAcknowledged { get; init; }

    /// <summary>Most bytes of events in one request, under the service's 500 KB limit.</summary>
    public const int MaxRequestChars = 400_000;

    public async Task<ImportResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(cancellationToken);
        }
        catch (ImportAbortedException e)
        {
            return new ImportResult(e.ExitCode, 0, 0, 0, 0, 0, e.Message);
        }
    }

    private async Task<ImportResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File)) return new ImportResult(ExitCodes.InputError, 0, 0, 0, 0, 0, $"No such file: {settings.File}");
        string fileHash;
        await using (var stream = File.OpenRead(settings.File))
        {
            fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
        }

        var state = ImportState.Load(settings.StatePath);
        if (state is not null && state.FileHash != fileHash)
            return new ImportResult(ExitCodes.Usage, 0, 0, 0, 0, 0,
                $"The state file {settings.StatePath} belongs to another file (or this file changed); delete it or pass --state.");
        if (state is null)
        {
            state = new ImportState { FileHash = fileHash };
            File.Delete(settings.RejectsPath);
        }
        else if (state.Completed)
        {
            return new ImportResult(ExitCodes.Success, 0, 0, 0, 0, 0,
                $"Already imported (state {settings.StatePath}): {state.Accepted} accepted, {state.Duplicates} duplicates, {state.Rejected} rejected.");
        }
        else if (state.LastAcknowledgedLine > 0)
        {
            log.WriteLine($"Resuming after line {state.LastAcknowledgedLine} (state {settings.StatePath}).");
        }

        var progress = new ProgressReporter(log, interactive, new FileInfo(settings.File).Length);
        var sender = new BatchSender(http, settings, progress.Message);
        long sent = 0, accepted = 0, duplicates = 0, rejected = 0, skipped = 0;
        using var reader = OpenReader();
        var mapper = new EventMapper(ResolveMappings(reader.Header), settings.DefaultType, fileHash);

        var batch = new JsonArray();
        var batchLines = new List<int>();
        var localRejects = new List<(int Line, string? MessageId, string Reason)>();
        var batchChars = 0;
        var lastLine = state.LastAcknowledgedLine;

        async Task FlushAsync()
        {
            if (batch.Count == 0 && localRejects.Count == 0) return;
            var answer = batch.Count == 0 ? new BatchAnswer(0, 0, []) : await sender.SendAsync(batch, cancellationToken);
            var rejects = localRejects.Concat(answer.Rejected.Select(r =>
                (Line: r.Index >= 0 && r.Index < batchLines.Count ? batchLines[r.Index] : -1, r.MessageId, r.Reason))).ToList();
            await WriteRejectsAsync(rejects);
            sent += batch.Count;
            accepted += answer.Accepted;
            duplicates += answer.Duplicates;
            rejected += rejects.Count;
            state = state with
            {
                LastAcknowledgedLine = lastLine,
                Accepted = state.Accepted + answer.Accepted,
                Duplicates = state.Duplicates + answer.Duplicates,
                Rejected = state.Rejected + rejects.Count,
            };
            state.Save(settings.StatePath);
            batch = [];
            batchLines.Clear();
            localRejects.Clear();
            batchChars = 0;
            BatchAcknowledged?.Invoke(state);
        }

        try
        {
            foreach (var record in reader.Records())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (record.Line <= state.LastAcknowledgedLine)
                {
                    skipped++;
                    continue;
                }
                var (message, problem) = mapper.Map(record);
                if (message is null)
                {
                    localRejects.Add((record.Line, null, $"line {record.Line} {problem}"));
                    lastLine = record.Line;
                    continue;
                }
                var chars = message.ToJsonString().Length;
                if (batch.Count > 0 && (batch.Count >= settings.BatchSize || batchChars + chars > MaxRequestChars)) await FlushAsync();
                batch.Add(message);
                batchLines.Add(record.Line);
                batchChars += chars + 1;
                lastLine = record.Line;
                progress.Report(sent + batch.Count, reader.CharsRead);
            }
            await FlushAsync();
        }
        catch (FormatException e)
        {
            progress.Finish();
            return new ImportResult(ExitCodes.InputError, sent, accepted, duplicates, rejected, skipped, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish();
            return new ImportResult(ExitCodes.Interrupted, sent, accepted, duplicates, rejected, skipped,
                $"Interrupted after line {state.LastAcknowledgedLine}; run the same command again to resume.");
        }

        state = state with { Completed = true };
        state.Save(settings.StatePath);
        progress.Report(sent, reader.CharsRead, force: true);
        progress.Finish();
        var summary = $"Done: {sent} sent, {accepted} accepted, {duplicates} already there, {rejected} rejected" +
                      (skipped > 0 ? $", {skipped} skipped (acknowledged before)" : "") +
                      (rejected > 0 ? $"; rejects in {settings.RejectsPath}" : "") + ".";
        return new ImportResult(rejected > 0 ? ExitCodes.CompletedWithRejects : ExitCodes.Success, sent, accepted, duplicates, rejected, skipped, summary);
    }

    private RecordReader OpenReader()
    {
        try
        {
            return new RecordReader(settings.File, settings.Format);
        }
        catch (FormatException e)
        {
            throw new ImportAbortedException(ExitCodes.InputError, e.Message);
        }
    }

    /// <summary>With a CSV header known, an unquoted source that is no column is taken as a constant, with a note.</summary>
    private List<FieldMapping> ResolveMappings(IReadOnlyList<string> header)
    {
        if (settings.Format != InputFormat.Csv) return [.. settings.Mappings];
        var resolved = new List<FieldMapping>();
        foreach (var mapping in settings.Mappings)
        {
            if (mapping.Column is { } column && !header.Contains(column, StringComparer.Ordinal))
            {
                log.WriteLine($"Note: no column '{column}' for {mapping.Target}; using it as a constant.");
                resolved.Add(mapping with { Column = null, Constant = column });
            }
            else
            {
                resolved.Add(mapping);
            }
        }
        return resolved;
    }

    private async Task WriteRejectsAsync(List<(int Line, string? MessageId, string Reason)> rejects)
    {
        if (rejects.Count == 0) return;
        var lines = rejects.Select(r => JsonSerializer.Serialize(new { line = r.Line, messageId = r.MessageId, reason = r.Reason }));
        await File.AppendAllLinesAsync(settings.RejectsPath, lines);
    }
}
