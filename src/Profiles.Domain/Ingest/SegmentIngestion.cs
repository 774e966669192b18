using System.Text.Json;
using Profiles.Domain.Events;

namespace Profiles.Domain.Ingest;

/// <summary>
/// Reads a Segment tracking request (a batch or one call) into the domain events to keep and the events to reject.
/// Whole-request problems throw <see cref="SegmentRequestException"/>; a bad event rejects that event only.
/// </summary>
public sealed class SegmentIngestion
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private readonly IngestOptions _options;

    public SegmentIngestion(IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public IngestOptions Options => _options;

    /// <summary>Reads <c>{ "batch": [...], "sentAt": ..., "context": ..., "writeKey": ... }</c>.</summary>
    public IngestPlan ReadBatch(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new SegmentRequestException("The body must be a JSON object with a \"batch\" array.");
        if (!root.TryGetProperty("batch", out var batch) || batch.ValueKind != JsonValueKind.Array)
            throw new SegmentRequestException("The body must have a \"batch\" array of events.");
        var count = batch.GetArrayLength();
        if (count > _options.MaxBatchEvents)
            throw new SegmentRequestException($"The batch has {count} events; at most {_options.MaxBatchEvents} are accepted in one request.");

        var envelope = new Envelope(
            SentAt: ReadEnvelopeTime(root, "sentAt"),
            Context: root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object ? context : null,
            ReceivedAt: receivedAt);
        var accepted = new List<AcceptedEvent>(count);
        var rejected = new List<EventRejection>();
        var index = 0;
        foreach (var item in batch.EnumerateArray())
        {
            Read(item, index++, type: null, envelope, accepted, rejected);
        }
        return new IngestPlan(accepted, rejected);
    }

    /// <summary>Reads the body of <c>/v1/track</c>, <c>/v1/identify</c> and the other single calls.</summary>
    public IngestPlan ReadSingle(ReadOnlyMemory<byte> body, SegmentCallType type, DateTimeOffset receivedAt)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new SegmentRequestException("The body must be a JSON object.");
        var envelope = new Envelope(SentAt: null, Context: null, ReceivedAt: receivedAt);
        var accepted = new List<AcceptedEvent>(1);
        var rejected = new List<EventRejection>();
        Read(root, 0, type, envelope, accepted, rejected);
        return new IngestPlan(accepted, rejected);
    }

    /// <summary>
    /// The body's top-level <c>"writeKey"</c> string, found by a forward scan that skips every other value without
    /// building a document: a request without HTTP Basic is authenticated by it before anything else of the body is
    /// read. Null when the body is not a JSON object, has no such string, or is malformed before it.
    /// </summary>
    public static string? FindWriteKey(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKey = reader.ValueTextEquals("writeKey"u8);
                if (!reader.Read()) return null;
                if (isKey) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string that is not well-formed UTF-8 cannot be a known key.
            return null;
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) throw new SegmentRequestException("The body is empty; send a JSON object.");
        // The JSON reader does not check UTF-8 inside strings; reading such a string later would throw mid-request.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span)) throw new SegmentRequestException("The body is not valid UTF-8.");
        try
        {
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new SegmentRequestException($"The body is not valid JSON: {e.Message}", e);
        }
    }

    private static DateTimeOffset? ReadEnvelopeTime(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String) return null;
        try
        {
            return value.TryGetDateTimeOffset(out var at) ? at : null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\udc00") is valid JSON but not text, let alone a time: ignored like any other non-time.
            return null;
        }
    }

    private void Read(JsonElement item, int index, SegmentCallType? type, Envelope envelope, List<AcceptedEvent> accepted, List<EventRejection> rejected)
    {
        string? messageId = null;
        try
        {
            if (item.ValueKind != JsonValueKind.Object) throw new EventRejectedException("the event must be a JSON object");
            messageId = OptionalId(item, "messageId", maxLength: 100);
            var rawLength = System.Text.Encoding.UTF8.GetByteCount(item.GetRawText());
            if (rawLength > _options.MaxEventBytes)
                throw new EventRejectedException($"the event is {rawLength} bytes; at most {_options.MaxEventBytes} are accepted");

            var call = new SegmentCall(item, type ?? ReadType(item), envelope);
            var (customerId, domainEvent, linked, byUserId) = Map(call, messageId);
            accepted.Add(new AcceptedEvent(index, customerId, domainEvent, linked, byUserId));
        }
        catch (EventRejectedException e)
        {
            rejected.Add(new EventRejection(index, messageId, e.Message));
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString throws on an escaped lone surrogate ("\ud800"): valid JSON, but not text.
            rejected.Add(new EventRejection(index, messageId, "the event has a string that is not well-formed Unicode (a lone surrogate escape)"));
        }
    }

    private static SegmentCallType ReadType(JsonElement item)
    {
        var type = OptionalString(item, "type") ?? throw new EventRejectedException("\"type\" is required in a batch");
        return type.ToLowerInvariant() switch
        {
            "identify" => SegmentCallType.Identify,
            "track" => SegmentCallType.Track,
            "page" => SegmentCallType.Page,
            "screen" => SegmentCallType.Screen,
            "alias" => SegmentCallType.Alias,
            "group" => SegmentCallType.Group,
            _ => throw new EventRejectedException($"\"type\" '{Clip(type)}' is not one of identify, track, page, screen, alias, group"),
        };
    }

    private (string CustomerId, CustomerEvent Event, string? LinkedIdentity, bool ByUserId) Map(SegmentCall call, string? messageId)
    {
        var item = call.Item;
        var userId = OptionalId(item, "userId", _options.MaxIdLength);
        var anonymousId = OptionalId(item, "anonymousId", _options.MaxIdLength);
        var customerId = userId ?? anonymousId ?? throw new EventRejectedException("\"userId\" or \"anonymousId\" is required");
        var timestamp = Timestamp(call);
        var id = messageId ?? AssignedMessageId(item, customerId);

        CustomerEvent domainEvent = call.Type switch
        {
            SegmentCallType.Track => MapTrack(item, id, timestamp, call.Envelope),
            SegmentCallType.Page => new EngagementRecorded
            {
                MessageId = id, Timestamp = timestamp, Engagement = EngagementKind.Page,
                Name = PageName(item), SessionId = SessionId(item, call.Envelope),
            },
            SegmentCallType.Screen => new EngagementRecorded
            {
                MessageId = id, Timestamp = timestamp, Engagement = EngagementKind.Screen,
                Name = PageName(item), SessionId = SessionId(item, call.Envelope),
            },
            SegmentCallType.Identify => new TraitsUpdated { MessageId = id, Timestamp = timestamp, Traits = TraitFlattener.Flatten(Object(item, "traits"), prefix: "") },
            SegmentCallType.Group => new TraitsUpdated { MessageId = id, Timestamp = timestamp, Traits = GroupTraits(item) },
            SegmentCallType.Alias => MapAlias(item, id, timestamp, userId),
            _ => throw new EventRejectedException($"unsupported call type {call.Type}"),
        };
        var linked = domainEvent is IdentityLinked alias ? alias.Identity
            : userId is not null && anonymousId is not null && !string.Equals(userId, anonymousId, StringComparison.Ordinal) ? anonymousId
            : null;
        return (customerId, domainEvent, linked, userId is not null);
    }

    private CustomerEvent MapAlias(JsonElement item, string id, DateTimeOffset timestamp, string? userId)
    {
        if (userId is null) throw new EventRejectedException("alias needs \"userId\"");
        var previousId = OptionalId(item, "previousId", _options.MaxIdLength) ?? throw new EventRejectedException("alias needs \"previousId\"");
        return new IdentityLinked { MessageId = id, Timestamp = timestamp, Identity = previousId };
    }

    private System.Collections.Immutable.ImmutableSortedDictionary<string, string> GroupTraits(JsonElement item)
    {
        var groupId = OptionalId(item, "groupId", _options.MaxIdLength) ?? throw new EventRejectedException("group needs \"groupId\"");
        return TraitFlattener.Flatten(Object(item, "traits"), prefix: "group.").SetItem("group.id", groupId);
    }

    private CustomerEvent MapTrack(JsonElement item, string id, DateTimeOffset timestamp, Envelope envelope)
    {
        var name = OptionalString(item, "event") ?? throw new EventRejectedException("track needs \"event\"");
        if (name.Length is 0 or > 200) throw new EventRejectedException("\"event\" must be 1 to 200 characters");
        var properties = Object(item, "properties");
        switch (name.ToLowerInvariant())
        {
            case "order completed":
            {
                var orderId = RequiredId(properties, "order_id");
                var currency = Currency(properties);
                var amount = Amount(properties, ["revenue", "total", "value"], required: true, allowZero: true)!.Value;
                return new OrderCompleted
                {
                    MessageId = id, Timestamp = timestamp, OrderId = orderId,
                    Revenue = ToBase(amount, currency), OriginalAmount = amount, Currency = currency,
                };
            }
            case "order refunded":
            {
                var orderId = RequiredId(properties, "order_id");
                var currency = Currency(properties);
                var amount = Amount(properties, ["total", "revenue", "value"], required: false, allowZero: false);
                return new OrderRefunded { MessageId = id, Timestamp = timestamp, OrderId = orderId, Amount = amount is { } a ? ToBase(a, currency) : null };
            }
            case "order cancelled":
                return new OrderCancelled { MessageId = id, Timestamp = timestamp, OrderId = RequiredId(properties, "order_id") };
            case "survey responded":
            {
                var csat = OptionalInt(properties, "csat", 1, 5);
                var nps = OptionalInt(properties, "nps", 0, 10);
                if (csat is null && nps is null) throw new EventRejectedException("Survey Responded needs \"csat\" (1–5) or \"nps\" (0–10) in properties");
                return new SurveyResponded { MessageId = id, Timestamp = timestamp, Csat = csat, Nps = nps };
            }
            case "product reviewed":
            {
                var rating = OptionalInt(properties, "rating", 1, 5) ?? throw new EventRejectedException("Product Reviewed needs \"rating\" (1–5) in properties");
                return new ReviewSubmitted { MessageId = id, Timestamp = timestamp, Rating = rating, ProductId = OptionalId(properties, "product_id", _options.MaxIdLength) };
            }
            case "feedback submitted":
                return new FeedbackSubmitted { MessageId = id, Timestamp = timestamp, Sentiment = ReadSentiment(properties) };
            case "ticket opened":
                return new TicketOpened { MessageId = id, Timestamp = timestamp, TicketId = RequiredId(properties, "ticket_id") };
            case "ticket resolved":
                return new TicketResolved
                {
                    MessageId = id, Timestamp = timestamp, TicketId = RequiredId(properties, "ticket_id"),
                    SlaBreached = OptionalBool(properties, "sla_breached") ?? false,
                };
            default:
                return new EngagementRecorded
                {
                    MessageId = id, Timestamp = timestamp, Engagement = EngagementOf(name), Name = name,
                    SessionId = SessionId(item, envelope),
                };
        }
    }

    private static EngagementKind EngagementOf(string eventName) => eventName.ToLowerInvariant() switch
    {
        "product shared" or "cart shared" or "content shared" => EngagementKind.Share,
        "comment posted" => EngagementKind.Comment,
        "referral sent" or "referral completed" => EngagementKind.Referral,
        _ => EngagementKind.Track,
    };

    private DateTimeOffset Timestamp(SegmentCall call)
    {
        var item = call.Item;
        var timestamp = OptionalTime(item, "timestamp") ?? OptionalTime(item, "originalTimestamp");
        var sentAt = OptionalTime(item, "sentAt") ?? call.Envelope.SentAt;
        var receivedAt = call.Envelope.ReceivedAt;
        DateTimeOffset at;
        if (timestamp is { } t && sentAt is { } s)
        {
            // Clock-skew correction: the client's clock may be off, but the time between the event and the send is not.
            var ticks = receivedAt.UtcTicks - (s.UtcTicks - t.UtcTicks);
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                throw new EventRejectedException("\"timestamp\" and \"sentAt\" are too far apart");
            at = new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        else
        {
            at = (timestamp ?? receivedAt).ToUniversalTime();
        }

        var earliest = receivedAt.AddDays(-_options.MaxPastDays);
        var latest = receivedAt.AddMinutes(_options.MaxFutureMinutes);
        if (at < earliest) throw new EventRejectedException($"timestamp {at:O} is more than {_options.MaxPastDays} days in the past");
        if (at > latest) throw new EventRejectedException($"timestamp {at:O} is more than {_options.MaxFutureMinutes} minutes in the future");
        return at;
    }

    /// <summary>
    /// The id of an event sent without one: derived from what the client sent (the customer and the event's own JSON,
    /// with its own timestamp when it has one), never from when it arrived or the skew-corrected time, so a client
    /// retrying an event without an id — even a day later — is not counted twice. Two byte-identical events without an
    /// id or a timestamp are therefore one event.
    /// </summary>
    private static string AssignedMessageId(JsonElement item, string customerId)
    {
        var text = $"{customerId}\n{item.GetRawText()}";
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return "auto-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private string Currency(JsonElement? properties)
    {
        var code = OptionalString(properties, "currency") ?? _options.BaseCurrency;
        if (!_options.Currencies.ContainsKey(code)) throw new EventRejectedException($"currency '{Clip(code)}' is not accepted");
        return code.ToUpperInvariant();
    }

    private decimal ToBase(decimal amount, string currency) => Math.Round(amount * _options.Currencies[currency], 4, MidpointRounding.ToEven);

    private decimal? Amount(JsonElement? properties, string[] names, bool required, bool allowZero)
    {
        foreach (var name in names)
        {
            if (properties is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            decimal amount;
            if (value.ValueKind == JsonValueKind.Number)
            {
                if (!value.TryGetDecimal(out amount)) throw new EventRejectedException($"\"{name}\" is not a usable amount");
            }
            else if (value.ValueKind == JsonValueKind.String &&
                     decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                amount = parsed;
            }
            else
            {
                throw new EventRejectedException($"\"{name}\" must be a number");
            }

            if (amount < 0 || (!allowZero && amount == 0)) throw new EventRejectedException($"\"{name}\" must be {(allowZero ? "zero or more" : "more than zero")}");
            if (amount > _options.MaxAmount) throw new EventRejectedException($"\"{name}\" is above the accepted maximum {_options.MaxAmount}");
            return Math.Round(amount, 4, MidpointRounding.ToEven);
        }
        if (required) throw new EventRejectedException($"\"{names[0]}\" or \"{names[1]}\" is required in properties");
        return null;
    }

    private string RequiredId(JsonElement? properties, string name) =>
        OptionalId(properties, name, _options.MaxIdLength) ?? throw new EventRejectedException($"\"{name}\" is required in properties");

    private static Sentiment ReadSentiment(JsonElement? properties) => OptionalString(properties, "sentiment")?.ToLowerInvariant() switch
    {
        "positive" => Sentiment.Positive,
        "neutral" => Sentiment.Neutral,
        "negative" => Sentiment.Negative,
        _ => throw new EventRejectedException("Feedback Submitted needs \"sentiment\": positive, neutral or negative"),
    };

    private static string? PageName(JsonElement item)
    {
        var name = OptionalString(item, "name");
        var properties = Object(item, "properties");
        return Clip(name ?? OptionalString(properties, "title") ?? OptionalString(properties, "path"), 200);
    }

    private static string? SessionId(JsonElement item, Envelope envelope)
    {
        var context = Object(item, "context") ?? envelope.Context;
        var session = OptionalString(context, "sessionId") ?? OptionalString(Object(item, "properties"), "session_id");
        return Clip(session, 100);
    }

    private static JsonElement? Object(JsonElement? parent, string name)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object) throw new EventRejectedException($"\"{name}\" must be an object");
        return value;
    }

    private static string? OptionalString(JsonElement? parent, string name)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new EventRejectedException($"\"{name}\" must be a string");
        return value.GetString();
    }

    /// <summary>
    /// An identifier: a string or an integer (SDKs send numeric user ids), bounded, without control characters. An empty or
    /// blank one (only white space) counts as absent: no customer, identity or order can be named by white space.
    /// </summary>
    private static string? OptionalId(JsonElement? parent, string name, int maxLength)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        var id = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new EventRejectedException($"\"{name}\" must be a string"),
        };
        if (string.IsNullOrWhiteSpace(id)) return null;
        if (id.Length > maxLength) throw new EventRejectedException($"\"{name}\" is {id.Length} characters; at most {maxLength} are accepted");
        // char.IsControl's ranges and the surrogates, searched without an enumerator per id.
        if (id.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || id.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
            throw new EventRejectedException($"\"{name}\" contains control characters");
        if (id.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !IsWellFormed(id)) throw new EventRejectedException($"\"{name}\" is not well-formed Unicode");
        return id;
    }

    private static int? OptionalInt(JsonElement? parent, string name, int min, int max)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        int number;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) number = n;
        else if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed)) number = parsed;
        else throw new EventRejectedException($"\"{name}\" must be a whole number from {min} to {max}");
        if (number < min || number > max) throw new EventRejectedException($"\"{name}\" must be a whole number from {min} to {max}");
        return number;
    }

    private static bool? OptionalBool(JsonElement? parent, string name)
    {
        if (parent is not { } p || !p.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new EventRejectedException($"\"{name}\" must be true or false"),
        };
    }

    private static DateTimeOffset? OptionalTime(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)) return at;
        throw new EventRejectedException($"\"{name}\" must be an ISO-8601 date and time");
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    private static string Clip(string value) => Clip(value, 60)!;

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record Envelope(DateTimeOffset? SentAt, JsonElement? Context, DateTimeOffset ReceivedAt);

    private readonly record struct SegmentCall(JsonElement Item, SegmentCallType Type, Envelope Envelope);

    private sealed class EventRejectedException(string message) : Exception(message);
}
