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
        var fileHash = await HashFileAsync(cancellationToken);
        var (state, ended) = ResumeState(fileHash);
        if (ended is not null) return ended;

        var progress = new ProgressReporter(log, interactive, new FileInfo(settings.File).Length);
        var sender = new BatchSender(http, settings, progress.Message);
        var run = new ImportRun(state!);
        using var reader = OpenReader();
        var mapper = new EventMapper(ResolveMappings(reader.Header), settings.DefaultType, fileHash);
        try
        {
            await SendRecordsAsync(reader, mapper, sender, run, progress, cancellationToken);
        }
        catch (FormatException e)
        {
            progress.Finish();
            return run.Result(ExitCodes.InputError, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            progress.Finish();
            return run.Result(ExitCodes.Interrupted, $"Interrupted after line {run.State.LastAcknowledgedLine}; run the same command again to resume.");
        }

        run.State = run.State with { Completed = true };
        run.State.Save(settings.StatePath);
        progress.Report(run.Sent, reader.CharsRead, force: true);
        progress.Finish();
        var summary = $"Done: {run.Sent} sent, {run.Accepted} accepted, {run.Duplicates} already there, {run.Rejected} rejected" +
                      (run.Skipped > 0 ? $", {run.Skipped} skipped (acknowledged before)" : "") +
                      (run.Rejected > 0 ? $"; rejects in {settings.RejectsPath}" : "") + ".";
        return run.Result(run.Rejected > 0 ? ExitCodes.CompletedWithRejects : ExitCodes.Success, summary);
    }

    /// <summary>The file's identity: the hash of its bytes, which names its message ids and its state file.</summary>
    private async Task<string> HashFileAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(settings.File);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>
    /// The state to go on from: a new one (and no rejects list) for a file not imported before, the saved one to resume;
    /// or the result that ends the run at once, when the state belongs to another file or the import is complete.
    /// </summary>
    private (ImportState? State, ImportResult? Ended) ResumeState(string fileHash)
    {
        var state = ImportState.Load(settings.StatePath);
        if (state is not null && state.FileHash != fileHash)
            return (null, new ImportResult(ExitCodes.Usage, 0, 0, 0, 0, 0,
                $"The state file {settings.StatePath} belongs to another file (or this file changed); delete it or pass --state."));
        if (state is null)
        {
            File.Delete(settings.RejectsPath);
            return (new ImportState { FileHash = fileHash }, null);
        }
        if (state.Completed)
        {
            return (null, new ImportResult(ExitCodes.Success, 0, 0, 0, 0, 0,
                $"Already imported (state {settings.StatePath}): {state.Accepted} accepted, {state.Duplicates} duplicates, {state.Rejected} rejected."));
        }
        if (state.LastAcknowledgedLine > 0) log.WriteLine($"Resuming after line {state.LastAcknowledgedLine} (state {settings.StatePath}).");
        return (state, null);
    }

    /// <summary>Maps every record after the acknowledged ones and sends them in batches, one at a time, each acknowledged before the next.</summary>
    private async Task SendRecordsAsync(
        RecordReader reader, EventMapper mapper, BatchSender sender, ImportRun run, ProgressReporter progress, CancellationToken cancellationToken)
    {
        var pending = new PendingBatch(run.State.LastAcknowledgedLine);
        foreach (var record in reader.Records())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Line <= run.State.LastAcknowledgedLine)
            {
                run.Skipped++;
                continue;
            }
            var (message, problem) = mapper.Map(record);
            if (message is null)
            {
                pending.Reject(record.Line, $"line {record.Line} {problem}");
                continue;
            }
            var chars = message.ToJsonString().Length;
            if (pending.IsFullFor(chars, settings.BatchSize)) await FlushAsync(pending, sender, run, cancellationToken);
            pending.Add(message, record.Line, chars);
            progress.Report(run.Sent + pending.Events.Count, reader.CharsRead);
        }
        await FlushAsync(pending, sender, run, cancellationToken);
    }

    /// <summary>
    /// Sends the pending batch until acknowledged, lists its rejected records (the server names them by index) with those
    /// rejected before sending, and only then saves the state: the file is done up to the batch's last line.
    /// </summary>
    private async Task FlushAsync(PendingBatch pending, BatchSender sender, ImportRun run, CancellationToken cancellationToken)
    {
        if (pending.IsEmpty) return;
        var answer = pending.Events.Count == 0 ? new BatchAnswer(0, 0, []) : await sender.SendAsync(pending.Events, cancellationToken);
        var rejects = pending.Rejects.Concat(answer.Rejected.Select(r =>
            (Line: r.Index >= 0 && r.Index < pending.Lines.Count ? pending.Lines[r.Index] : -1, r.MessageId, r.Reason))).ToList();
        await WriteRejectsAsync(rejects);
        run.Sent += pending.Events.Count;
        run.Accepted += answer.Accepted;
        run.Duplicates += answer.Duplicates;
        run.Rejected += rejects.Count;
        run.State = run.State with
        {
            LastAcknowledgedLine = pending.LastLine,
            Accepted = run.State.Accepted + answer.Accepted,
            Duplicates = run.State.Duplicates + answer.Duplicates,
            Rejected = run.State.Rejected + rejects.Count,
        };
        run.State.Save(settings.StatePath);
        pending.Clear();
        BatchAcknowledged?.Invoke(run.State);
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
