namespace Profiles.Import;

/// <summary>The process exit codes of <c>profiles-import</c>, documented in the README.</summary>
public static class ExitCodes
{
    /// <summary>Every record was sent and kept (or was already there).</summary>
    public const int Success = 0;

    /// <summary>The import finished, but some records were rejected; they are listed in the rejects file.</summary>
    public const int CompletedWithRejects = 1;

    /// <summary>Bad command line: unknown option, missing value, bad mapping, or a state file of another file.</summary>
    public const int Usage = 2;

    /// <summary>The input file cannot be read or is not valid CSV (for example an unterminated quote).</summary>
    public const int InputError = 3;

    /// <summary>The server refused a request in a way a retry cannot fix (400, 401, 403, 413).</summary>
    public const int Refused = 4;

    /// <summary>The server stayed unavailable through every retry; run again to resume.</summary>
    public const int Unavailable = 5;

    /// <summary>Interrupted (Ctrl+C); what was acknowledged is recorded in the state file, run again to resume.</summary>
    public const int Interrupted = 130;
}
