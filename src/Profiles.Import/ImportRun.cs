namespace Profiles.Import;

/// <summary>One run's account: the state acknowledged so far, and the counts its result reports.</summary>
internal sealed class ImportRun(ImportState state)
{
    public ImportState State { get; set; } = state;

    public long Sent { get; set; }

    public long Accepted { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; set; }

    /// <summary>Records an earlier run had acknowledged, passed over.</summary>
    public long Skipped { get; set; }

    public ImportResult Result(int exitCode, string message) => new(exitCode, Sent, Accepted, Duplicates, Rejected, Skipped, message);
}
