using Profiles.Domain.Events;
using Profiles.Domain.Ingest;
using static Profiles.Domain.Tests.Ingest.SegmentJson;

namespace Profiles.Domain.Tests.Ingest;

public sealed class SegmentMappingTests
{
    private const string At = "\"timestamp\":\"2026-03-01T10:00:00Z\"";
    private static readonly DateTimeOffset AtTime = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AValidBatchMapsEveryCallTypeInOrder()
    {
        var plan = Read(
            $$$$"""{"type":"identify","userId":"u1","messageId":"m0",{{{{At}}}},"traits":{"email":"a@example.com","age":42,"vip":true,"address":{"city":"Berlin","country":"DE"}}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m1",{{{{At}}}},"event":"Order Completed","properties":{"order_id":"o1","revenue":100,"currency":"EUR"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m2",{{{{At}}}},"event":"Order Refunded","properties":{"order_id":"o1","total":20,"currency":"EUR"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m3",{{{{At}}}},"event":"Order Refunded","properties":{"order_id":"o2"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m4",{{{{At}}}},"event":"Order Cancelled","properties":{"order_id":"o3"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m5",{{{{At}}}},"event":"Survey Responded","properties":{"csat":4,"nps":9}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m6",{{{{At}}}},"event":"Product Reviewed","properties":{"product_id":"sku-9","rating":"4"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m7",{{{{At}}}},"event":"Feedback Submitted","properties":{"sentiment":"Negative"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m8",{{{{At}}}},"event":"Ticket Opened","properties":{"ticket_id":"t1"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m9",{{{{At}}}},"event":"Ticket Resolved","properties":{"ticket_id":"t1","sla_breached":true}}""",
            $$$$"""{"type":"page","userId":"u1","messageId":"m10",{{{{At}}}},"name":"Home","context":{"sessionId":"s-1"}}""",
            $$$$"""{"type":"screen","userId":"u1","messageId":"m11",{{{{At}}}},"properties":{"title":"Settings"}}""",
            $$$$"""{"type":"alias","userId":"u1","messageId":"m12",{{{{At}}}},"previousId":"anon-7"}""",
            $$$$"""{"type":"group","userId":"u1","messageId":"m13",{{{{At}}}},"groupId":"g-1","traits":{"name":"Acme","employees":250}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m14",{{{{At}}}},"event":"Product Viewed","properties":{"session_id":"s-2"}}""",
            $$$$"""{"type":"track","userId":"u1","messageId":"m15",{{{{At}}}},"event":"Product Shared"}""");

        Assert.Empty(plan.Rejected);
        Assert.Equal(16, plan.Total);
        Assert.Equal(Enumerable.Range(0, 16), plan.Accepted.Select(a => a.Index));
        Assert.All(plan.Accepted, a => Assert.Equal("u1", a.CustomerId));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"m{i}"), plan.Accepted.Select(a => a.Event.MessageId));
        Assert.All(plan.Accepted, a => Assert.Equal(AtTime, a.Event.Timestamp));
        var events = plan.Accepted.Select(a => a.Event).ToArray();

        var traits = Assert.IsType<TraitsUpdated>(events[0]);
        Assert.Equal(
            new Dictionary<string, string> { ["address.city"] = "Berlin", ["address.country"] = "DE", ["age"] = "42", ["email"] = "a@example.com", ["vip"] = "true" },
            traits.Traits);

        var order = Assert.IsType<OrderCompleted>(events[1]);
        Assert.Equal(("o1", 108m, 100m, "EUR"), (order.OrderId, order.Revenue, order.OriginalAmount, order.Currency));

        var partial = Assert.IsType<OrderRefunded>(events[2]);
        Assert.Equal(("o1", (decimal?)21.6m), (partial.OrderId, partial.Amount));
        var full = Assert.IsType<OrderRefunded>(events[3]);
        Assert.Equal(("o2", (decimal?)null), (full.OrderId, full.Amount));

        Assert.Equal("o3", Assert.IsType<OrderCancelled>(events[4]).OrderId);

        var survey = Assert.IsType<SurveyResponded>(events[5]);
        Assert.Equal(((int?)4, (int?)9), (survey.Csat, survey.Nps));

        var review = Assert.IsType<ReviewSubmitted>(events[6]);
        Assert.Equal((4, "sku-9"), (review.Rating, review.ProductId));

        Assert.Equal(Sentiment.Negative, Assert.IsType<FeedbackSubmitted>(events[7]).Sentiment);
        Assert.Equal("t1", Assert.IsType<TicketOpened>(events[8]).TicketId);
        var resolved = Assert.IsType<TicketResolved>(events[9]);
        Assert.Equal(("t1", true), (resolved.TicketId, resolved.SlaBreached));

        var page = Assert.IsType<EngagementRecorded>(events[10]);
        Assert.Equal((EngagementKind.Page, "Home", "s-1"), (page.Engagement, page.Name, page.SessionId));
        var screen = Assert.IsType<EngagementRecorded>(events[11]);
        Assert.Equal((EngagementKind.Screen, "Settings", (string?)null), (screen.Engagement, screen.Name, screen.SessionId));

        Assert.Equal("anon-7", Assert.IsType<IdentityLinked>(events[12]).Identity);

        var group = Assert.IsType<TraitsUpdated>(events[13]);
        Assert.Equal(new Dictionary<string, string> { ["group.employees"] = "250", ["group.id"] = "g-1", ["group.name"] = "Acme" }, group.Traits);

        var viewed = Assert.IsType<EngagementRecorded>(events[14]);
        Assert.Equal((EngagementKind.Track, "Product Viewed", "s-2"), (viewed.Engagement, viewed.Name, viewed.SessionId));
        Assert.Equal(EngagementKind.Share, Assert.IsType<EngagementRecorded>(events[15]).Engagement);
    }

    [Theory]
    [InlineData("""{"revenue":12.5}""", 12.5, "USD")]
    [InlineData("""{"total":"30.25"}""", 30.25, "USD")]
    [InlineData("""{"value":7}""", 7, "USD")]
    [InlineData("""{"revenue":0}""", 0, "USD")]
    [InlineData("""{"total":1000,"currency":"jpy"}""", 6.7, "JPY")]
    [InlineData("""{"revenue":10,"total":99}""", 10, "USD")]
    public void AnOrderAmountComesFromRevenueOrTotalInTheBaseCurrency(string amount, double expectedRevenue, string expectedCurrency)
    {
        var properties = amount.Insert(1, "\"order_id\":\"o1\",");

        var order = Accept<OrderCompleted>($$$$"""{"type":"track","userId":"u1","event":"Order Completed","properties":{{{{properties}}}}}""");

        Assert.Equal((decimal)expectedRevenue, order.Revenue);
        Assert.Equal(expectedCurrency, order.Currency);
    }

    [Fact]
    public void AnOrderIdMayBeANumber() =>
        Assert.Equal("1234", Accept<OrderCompleted>("""{"type":"track","userId":"u1","event":"Order Completed","properties":{"order_id":1234,"revenue":5}}""").OrderId);

    [Fact]
    public void EventNamesAndTypesAreCaseInsensitive() =>
        Accept<OrderCancelled>("""{"type":"TRACK","userId":"u1","event":"order cancelled","properties":{"order_id":"o1"}}""");

    [Fact]
    public void TheCustomerIsTheUserIdElseTheAnonymousId()
    {
        var plan = Read(
            """{"type":"page","userId":"u1","anonymousId":"a1"}""",
            """{"type":"page","anonymousId":"a1"}""",
            """{"type":"page","userId":"","anonymousId":"a2"}""",
            """{"type":"page","userId":12345}""",
            """{"type":"page","userId":"  ","anonymousId":"a3"}""");

        Assert.Empty(plan.Rejected);
        Assert.Equal(["u1", "a1", "a2", "12345", "a3"], plan.Accepted.Select(a => a.CustomerId));
        Assert.Null(plan.Accepted[^1].LinkedIdentity);
    }

    [Fact]
    public void ClockSkewIsCorrectedWithTheEventsSentAt()
    {
        // The client's clock says 10:00 for the event and 10:05 for the send; the server received it at 12:00.
        var e = Accept("""{"type":"page","userId":"u1","timestamp":"2026-03-01T10:00:00Z","sentAt":"2026-03-01T10:05:00Z"}""").Event;

        Assert.Equal(ReceivedAt.AddMinutes(-5), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void ClockSkewIsCorrectedWithTheBatchsSentAt()
    {
        var body = Bytes("""{"sentAt":"2026-03-01T09:00:30Z","batch":[{"type":"page","userId":"u1","timestamp":"2026-03-01T09:00:00Z"}]}""");

        var plan = Ingestion.ReadBatch(body, ReceivedAt);

        Assert.Equal(ReceivedAt.AddSeconds(-30), Assert.Single(plan.Accepted).Event.Timestamp);
    }

    [Fact]
    public void WithoutSentAtTheTimestampIsKeptInUtc()
    {
        var e = Accept("""{"type":"page","userId":"u1","timestamp":"2026-03-01T10:00:00+02:00"}""").Event;

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp.Offset);
    }

    [Fact]
    public void OriginalTimestampStandsInForAMissingTimestamp() =>
        Assert.Equal(AtTime, Accept("""{"type":"page","userId":"u1","originalTimestamp":"2026-03-01T10:00:00Z"}""").Event.Timestamp);

    [Fact]
    public void WithoutATimestampTheEventHappenedWhenReceived() =>
        Assert.Equal(ReceivedAt, Accept("""{"type":"page","userId":"u1"}""").Event.Timestamp);

    [Fact]
    public void AnAssignedMessageIdIsTheSameForTheSameContentAndTime()
    {
        const string Event = """{"type":"track","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":5}}""";

        var first = Accept(Event).Event.MessageId;
        var retry = Accept(Event).Event.MessageId;

        Assert.StartsWith("auto-", first, StringComparison.Ordinal);
        Assert.Equal(first, retry);
    }

    [Fact]
    public void AnAssignedMessageIdDiffersForDifferentContentOrEventTime()
    {
        const string Event = """{"type":"track","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":5}}""";
        var original = Accept(Event).Event.MessageId;

        var otherContent = Accept(Event.Replace("\"revenue\":5", "\"revenue\":6", StringComparison.Ordinal)).Event.MessageId;
        var otherCustomer = Accept(Event.Replace("u1", "u2", StringComparison.Ordinal)).Event.MessageId;
        // The event's own timestamp is part of what the client sent; the arrival time is not (see below).
        var otherTime = Accept(Event.Replace("\"userId\":\"u1\"", "\"userId\":\"u1\",\"timestamp\":\"2026-03-01T11:00:00Z\"", StringComparison.Ordinal)).Event.MessageId;

        Assert.Equal(4, new HashSet<string> { original, otherContent, otherCustomer, otherTime }.Count);
    }

    [Fact]
    public void AnAssignedMessageIdDoesNotDependOnWhenTheEventArrived()
    {
        var body = Bytes("""{"sentAt":"2026-03-01T09:00:30Z","batch":[{"type":"page","userId":"u1","timestamp":"2026-03-01T09:00:00Z"}]}""");
        var first = Assert.Single(Ingestion.ReadBatch(body, ReceivedAt).Accepted).Event;
        var retried = Assert.Single(Ingestion.ReadBatch(body, ReceivedAt.AddHours(20)).Accepted).Event;

        Assert.StartsWith("auto-", first.MessageId, StringComparison.Ordinal);
        Assert.Equal(first.MessageId, retried.MessageId);
        // The skew-corrected time moved with the arrival; the identity of the event did not.
        Assert.NotEqual(first.Timestamp, retried.Timestamp);
        Assert.NotEqual(first.MessageId, Assert.Single(Ingestion.ReadBatch(
            Bytes("""{"batch":[{"type":"page","userId":"u2","timestamp":"2026-03-01T09:00:00Z"}]}"""), ReceivedAt).Accepted).Event.MessageId);
    }

    [Fact]
    public void AGivenMessageIdIsKept() =>
        Assert.Equal("client-id-1", Accept("""{"type":"page","userId":"u1","messageId":"client-id-1"}""").Event.MessageId);

    [Fact]
    public void ABatchLevelSessionIdReachesPageViews() =>
        Assert.Equal("s-9", Assert.IsType<EngagementRecorded>(Assert.Single(Ingestion.ReadBatch(
            Bytes("""{"context":{"sessionId":"s-9"},"batch":[{"type":"page","userId":"u1"}]}"""), ReceivedAt).Accepted).Event).SessionId);

    [Theory]
    [InlineData("""{"writeKey":"key-1","batch":[]}""", "key-1")]
    [InlineData("""{"batch":[{"type":"page","writeKey":"nested"}],"context":{"writeKey":"no"},"writeKey":"key-2"}""", "key-2")]
    [InlineData("""{"batch":[{"type":"page","userId":"u1"}]}""", null)]
    [InlineData("""{"writeKey":7,"batch":[]}""", null)]
    [InlineData("""["writeKey","key-1"]""", null)]
    [InlineData("""{"batch":[ {"type": """, null)]
    [InlineData("", null)]
    public void TheWriteKeyInTheBodyIsFoundAtTheTopLevelOnly(string body, string? expected) =>
        Assert.Equal(expected, SegmentIngestion.FindWriteKey(Bytes(body)));

    [Fact]
    public void DeeplyNestedTraitsAreFlattenedToThreeLevelsAndArraysAreDropped()
    {
        var traits = Accept<TraitsUpdated>("""{"type":"identify","userId":"u1","traits":{"a":{"b":{"c":{"d":"kept","e":{"f":"dropped"}}}},"tags":["x"],"none":null}}""").Traits;

        Assert.Equal(new Dictionary<string, string> { ["a.b.c.d"] = "kept" }, traits);
    }

    [Theory]
    [InlineData(SegmentCallType.Track, """{"userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":5}}""", typeof(OrderCompleted))]
    [InlineData(SegmentCallType.Identify, """{"userId":"u1","traits":{"plan":"pro"}}""", typeof(TraitsUpdated))]
    [InlineData(SegmentCallType.Page, """{"anonymousId":"a1","name":"Home"}""", typeof(EngagementRecorded))]
    [InlineData(SegmentCallType.Screen, """{"anonymousId":"a1","name":"Home"}""", typeof(EngagementRecorded))]
    [InlineData(SegmentCallType.Alias, """{"userId":"u1","previousId":"a1"}""", typeof(IdentityLinked))]
    [InlineData(SegmentCallType.Group, """{"userId":"u1","groupId":"g1"}""", typeof(TraitsUpdated))]
    public void ASingleCallIsReadWithTheTypeOfItsEndpoint(SegmentCallType type, string json, Type expected)
    {
        var plan = Ingestion.ReadSingle(Bytes(json), type, ReceivedAt);

        Assert.Empty(plan.Rejected);
        Assert.IsType(expected, Assert.Single(plan.Accepted).Event);
    }
}
