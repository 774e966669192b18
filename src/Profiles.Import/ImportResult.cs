namespace Profiles.Import;

/// <summary>The outcome of one run: what the server answered in it, and the exit code.</summary>
public sealed record ImportResult(int ExitCode, long Sent, long Accepted, long Duplicates, long Rejected, long Skipped, string Message);
