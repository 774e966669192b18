namespace Profiles.Cluster.Tests.Ingest;

/// <summary>One try of a request against one silo: when it ended (since the stream started) and how.</summary>
internal sealed record Attempt(TimeSpan EndedAt, Uri Silo, bool Succeeded, string Outcome)
{
    /// <summary>Whether the silo itself was unreachable (refused or reset), rather than answering 503 or timing out.</summary>
    public bool SiloUnreachable { get; init; }
}
