namespace Profiles.Import;

/// <summary>The server's answer to one acknowledged batch.</summary>
public sealed record BatchAnswer(int Accepted, int Duplicates, IReadOnlyList<BatchRejection> Rejected);
