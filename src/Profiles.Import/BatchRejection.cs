namespace Profiles.Import;

/// <summary>One event of a batch the server did not keep, by its index in the batch.</summary>
public sealed record BatchRejection(int Index, string? MessageId, string Reason);
