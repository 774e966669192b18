using System.Text.Json.Nodes;

namespace Profiles.Host.Apis;

/// <summary>
/// One call of the Segment tracking spec, as the ingest API reads it (the API reference's schema of a call; the body is
/// read by <c>SegmentIngestion</c> itself, which accepts more than a strict binding would: numbers as strings, for one).
/// </summary>
/// <param name="Type"><c>track</c>, <c>identify</c>, <c>page</c>, <c>screen</c>, <c>alias</c> or <c>group</c>; a single call's path sets it.</param>
/// <param name="UserId">The known customer; at most 256 characters.</param>
/// <param name="AnonymousId">The visitor before sign-in; the customer when there is no user id.</param>
/// <param name="MessageId">Deduplicates retries: an id applied before is reported as a duplicate. Derived from the content when absent.</param>
/// <param name="Timestamp">When it happened, corrected for clock skew with <c>sentAt</c>; received time when absent.</param>
/// <param name="OriginalTimestamp">Used when <c>timestamp</c> is absent.</param>
/// <param name="SentAt">When the client sent it, for the clock-skew correction.</param>
/// <param name="Event"><c>track</c>: the event name, e.g. <c>Order Completed</c>, <c>Survey Responded</c>, <c>Ticket Opened</c>.</param>
/// <param name="Name"><c>page</c> and <c>screen</c>: the page or screen name.</param>
/// <param name="Category"><c>page</c>: its category.</param>
/// <param name="PreviousId"><c>alias</c>: the id being merged into <c>userId</c>.</param>
/// <param name="GroupId"><c>group</c>: the group (its traits are kept under <c>group.</c>).</param>
/// <param name="Properties"><c>track</c>, <c>page</c>, <c>screen</c>: e.g. <c>order_id</c>, <c>revenue</c>, <c>currency</c>, <c>csat</c>, <c>nps</c>.</param>
/// <param name="Traits"><c>identify</c>, <c>group</c>: nested objects are flattened (<c>address.city</c>).</param>
/// <param name="Context">Client context; <c>context.sessionId</c> counts sessions.</param>
/// <param name="WriteKey">The write key, for clients that cannot send HTTP Basic.</param>
public sealed record SegmentCallRequest(
    string Type,
    string? UserId = null,
    string? AnonymousId = null,
    string? MessageId = null,
    DateTimeOffset? Timestamp = null,
    DateTimeOffset? OriginalTimestamp = null,
    DateTimeOffset? SentAt = null,
    string? Event = null,
    string? Name = null,
    string? Category = null,
    string? PreviousId = null,
    string? GroupId = null,
    JsonObject? Properties = null,
    JsonObject? Traits = null,
    JsonObject? Context = null,
    string? WriteKey = null);
