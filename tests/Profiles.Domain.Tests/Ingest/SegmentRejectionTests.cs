using Profiles.Domain.Events;
using static Profiles.Domain.Tests.Ingest.SegmentJson;

namespace Profiles.Domain.Tests.Ingest;

public sealed class SegmentRejectionTests
{
    private const string Valid = """{"type":"page","userId":"u1","messageId":"ok"}""";

    public static TheoryData<string, string?, string> BadEvents() => new()
    {
        { """{"type":"page","messageId":"bad"}""", "bad", "\"userId\" or \"anonymousId\" is required" },
        { """{"type":"page","messageId":"bad","userId":"","anonymousId":""}""", "bad", "\"userId\" or \"anonymousId\" is required" },
        { """{"type":"page","messageId":"bad","userId":"   ","anonymousId":"\t"}""", "bad", "\"userId\" or \"anonymousId\" is required" },
        { """{"type":"page","messageId":"bad","userId":"\u3000","anonymousId":"\u00a0 "}""", "bad", "\"userId\" or \"anonymousId\" is required" },
        { """{"type":"alias","messageId":"bad","userId":"u1","previousId":"  "}""", "bad", "alias needs \"previousId\"" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":" ","revenue":5}}""", "bad", "\"order_id\" is required" },
        { """{"messageId":"bad","userId":"u1"}""", "bad", "\"type\" is required" },
        { """{"type":"purchase","messageId":"bad","userId":"u1"}""", "bad", "\"type\" 'purchase' is not one of" },
        { """{"type":7,"messageId":"bad","userId":"u1"}""", "bad", "\"type\" must be a string" },
        { """{"type":"page","messageId":"bad","userId":{"id":1}}""", "bad", "\"userId\" must be a string" },
        { """{"type":"page","messageId":"bad","userId":1.5}""", "bad", "\"userId\" must be a string" },
        { """{"type":"page","messageId":"bad","userId":"u\u0001x"}""", "bad", "\"userId\" contains control characters" },
        { """{"type":"page","messageId":"bad","userId":"u\nx"}""", "bad", "\"userId\" contains control characters" },
        { """{"type":"page","messageId":"bad","userId":"u\ud800x"}""", "bad", "not well-formed Unicode" },
        { """{"type":"identify","messageId":"bad","userId":"u1","traits":{"name":"\udc00"}}""", "bad", "not well-formed Unicode" },
        { """{"type":"page","messageId":"\ud800","userId":"u1"}""", null, "not well-formed Unicode" },
        { $$"""{"type":"page","messageId":"bad","userId":"{{new string('u', 257)}}"}""", "bad", "\"userId\" is 257 characters; at most 256" },
        { $$"""{"type":"page","messageId":"{{new string('m', 101)}}","userId":"u1"}""", null, "\"messageId\" is 101 characters; at most 100" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":-1}}""", "bad", "\"revenue\" must be zero or more" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":"abc"}}""", "bad", "\"revenue\" must be a number" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","total":true}}""", "bad", "\"total\" must be a number" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":1e20}}""", "bad", "\"revenue\" is above the accepted maximum" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":1e300}}""", "bad", "\"revenue\" is not a usable amount" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1"}}""", "bad", "\"revenue\" or \"total\" is required" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"revenue":5}}""", "bad", "\"order_id\" is required" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Completed","properties":{"order_id":"o1","revenue":5,"currency":"XYZ"}}""", "bad", "currency 'XYZ' is not accepted" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Order Refunded","properties":{"order_id":"o1","total":0}}""", "bad", "\"total\" must be more than zero" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Survey Responded","properties":{"csat":6}}""", "bad", "\"csat\" must be a whole number from 1 to 5" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Survey Responded","properties":{"nps":"eleven"}}""", "bad", "\"nps\" must be a whole number from 0 to 10" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Survey Responded","properties":{}}""", "bad", "Survey Responded needs" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Product Reviewed","properties":{"rating":"4.5"}}""", "bad", "\"rating\" must be a whole number from 1 to 5" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Feedback Submitted","properties":{"sentiment":"meh"}}""", "bad", "Feedback Submitted needs \"sentiment\"" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Ticket Resolved","properties":{"sla_breached":true}}""", "bad", "\"ticket_id\" is required" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"Ticket Resolved","properties":{"ticket_id":"t1","sla_breached":"yes"}}""", "bad", "\"sla_breached\" must be true or false" },
        { """{"type":"track","messageId":"bad","userId":"u1"}""", "bad", "track needs \"event\"" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":""}""", "bad", "\"event\" must be 1 to 200 characters" },
        { """{"type":"track","messageId":"bad","userId":"u1","event":"x","properties":[1]}""", "bad", "\"properties\" must be an object" },
        { """{"type":"identify","messageId":"bad","userId":"u1","traits":"vip"}""", "bad", "\"traits\" must be an object" },
        { """{"type":"alias","messageId":"bad","userId":"u1"}""", "bad", "alias needs \"previousId\"" },
        { """{"type":"alias","messageId":"bad","anonymousId":"a1","previousId":"a0"}""", "bad", "alias needs \"userId\"" },
        { """{"type":"group","messageId":"bad","userId":"u1"}""", "bad", "group needs \"groupId\"" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"0001-01-01T00:00:00Z"}""", "bad", "days in the past" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"9999-12-31T23:59:59Z"}""", "bad", "minutes in the future" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"2026-03-03T12:00:00Z"}""", "bad", "minutes in the future" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"0001-01-01T00:00:00Z","sentAt":"2026-03-01T12:00:00Z"}""", "bad", "days in the past" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"9999-12-31T00:00:00Z","sentAt":"0001-01-01T00:00:00Z"}""", "bad", "\"timestamp\" and \"sentAt\" are too far apart" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":"yesterday"}""", "bad", "\"timestamp\" must be an ISO-8601 date and time" },
        { """{"type":"page","messageId":"bad","userId":"u1","timestamp":1700000000}""", "bad", "\"timestamp\" must be an ISO-8601 date and time" },
        { "42", null, "the event must be a JSON object" },
        { "\"page\"", null, "the event must be a JSON object" },
        { "null", null, "the event must be a JSON object" },
        { "[]", null, "the event must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public void ABadEventIsRejectedWithItsIndexMessageIdAndReasonWhileTheRestIsAccepted(string bad, string? messageId, string reason)
    {
        var plan = Read(Valid, bad, Valid.Replace("\"ok\"", "\"ok-2\"", StringComparison.Ordinal));

        var rejection = Assert.Single(plan.Rejected);
        Assert.Equal(1, rejection.Index);
        Assert.Equal(messageId, rejection.MessageId);
        Assert.Contains(reason, rejection.Reason, StringComparison.Ordinal);
        Assert.Equal([0, 2], plan.Accepted.Select(a => a.Index));
        Assert.Equal(3, plan.Total);
    }

    [Fact]
    public void AnEventOver32KilobytesIsRejected()
    {
        var big = $$$"""{"type":"track","messageId":"big","userId":"u1","event":"Note","properties":{"text":"{{{new string('x', 33 * 1024)}}}"}}""";

        var plan = Read(Valid, big);

        var rejection = Assert.Single(plan.Rejected);
        Assert.Equal((1, "big"), (rejection.Index, rejection.MessageId));
        Assert.Contains("at most 32768 are accepted", rejection.Reason, StringComparison.Ordinal);
        Assert.Single(plan.Accepted);
    }

    [Fact]
    public void AnEventOver32KilobytesOfMultiByteCharactersIsRejected()
    {
        // 12,000 euro signs are 12,000 characters but 36,000 bytes of UTF-8.
        var big = $$$"""{"type":"track","messageId":"big","userId":"u1","event":"Note","properties":{"text":"{{{new string('€', 12_000)}}}"}}""";

        var rejection = Assert.Single(Read(big).Rejected);

        Assert.Contains("at most 32768 are accepted", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventJustUnder32KilobytesIsAccepted()
    {
        var prefix = """{"type":"track","messageId":"fits","userId":"u1","event":"Note","properties":{"text":""" + "\"";
        var suffix = "\"}}";
        var fits = prefix + new string('x', (32 * 1024) - prefix.Length - suffix.Length) + suffix;

        Assert.Equal(32 * 1024, fits.Length);
        Assert.IsType<EngagementRecorded>(Accept(fits).Event);
    }

    [Fact]
    public void EveryBadEventOfABatchIsListedInOrder()
    {
        var plan = Read(
            """{"type":"page","messageId":"a"}""",
            Valid,
            """{"type":"nope","userId":"u1","messageId":"b"}""",
            "17",
            """{"type":"track","userId":"u1","messageId":"c","event":"Order Completed","properties":{"order_id":"o","revenue":"abc"}}""");

        Assert.Equal([0, 2, 3, 4], plan.Rejected.Select(r => r.Index));
        Assert.Equal(["a", "b", null, "c"], plan.Rejected.Select(r => r.MessageId));
        Assert.Equal(1, Assert.Single(plan.Accepted).Index);
    }
}
