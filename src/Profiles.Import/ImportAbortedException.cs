namespace Profiles.Import;

/// <summary>The import cannot go on; <see cref="ExitCode"/> says why (see <see cref="ExitCodes"/>).</summary>
public sealed class ImportAbortedException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
