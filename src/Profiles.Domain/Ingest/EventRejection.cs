namespace Profiles.Domain.Ingest;

/// <summary>An event of a request that was not kept, with its index in the request and the reason in words.</summary>
public sealed record EventRejection(int Index, string? MessageId, string Reason);
