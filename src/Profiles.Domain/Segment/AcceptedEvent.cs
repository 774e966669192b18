using Profiles.Domain.Events;

namespace Profiles.Domain.Segment;

/// <summary>An event of a request that passed validation, with the customer it belongs to and its index in the request.</summary>
public sealed record AcceptedEvent(int Index, string CustomerId, CustomerEvent Event);
