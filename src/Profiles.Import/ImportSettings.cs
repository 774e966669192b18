namespace Profiles.Import;

/// <summary>What one run imports, and how: the parsed command line.</summary>
public sealed record ImportSettings
{
    public required Uri Url { get; init; }
    public required string WriteKey { get; init; }
    public required string File { get; init; }
    public InputFormat Format { get; init; } = InputFormat.Csv;
    public IReadOnlyList<FieldMapping> Mappings { get; init; } = [];

    /// <summary>The event type of records that map none (default track).</summary>
    public string DefaultType { get; init; } = "track";

    /// <summary>Events per request (default 500, at most 2,500).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The state file that records what the server acknowledged (default <c>&lt;file&gt;.import-state</c>).</summary>
    public required string StatePath { get; init; }

    /// <summary>Where rejected records are listed with their line (default <c>&lt;file&gt;.rejects.ndjson</c>).</summary>
    public required string RejectsPath { get; init; }

    /// <summary>Retries of one request before giving up (default 8).</summary>
    public int MaxRetries { get; init; } = 8;

    /// <summary>The first back-off; each retry doubles it, with jitter (default 500 ms).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest back-off (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}
