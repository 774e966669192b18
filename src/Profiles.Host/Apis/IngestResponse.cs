using Profiles.Domain.Ingest;

namespace Profiles.Host.Apis;

/// <summary>The answer to an ingest request: every accepted event is stored; every rejected one is listed with its reason.</summary>
public sealed record IngestResponse(bool Success, int Accepted, int Duplicates, IReadOnlyList<EventRejection> Rejected);
