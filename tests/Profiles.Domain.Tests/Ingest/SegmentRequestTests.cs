using System.Text;
using Profiles.Domain.Ingest;
using static Profiles.Domain.Tests.Ingest.SegmentJson;

namespace Profiles.Domain.Tests.Ingest;

public sealed class SegmentRequestTests
{
    private static SegmentRequestException Refused(byte[] body) =>
        Assert.Throws<SegmentRequestException>(() => Ingestion.ReadBatch(body, ReceivedAt));

    [Fact]
    public void AnEmptyBodyIsRefused() => Assert.Contains("empty", Refused([]).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"batch":[""")]
    [InlineData("""{"batch":[{"type":"page",}]}""")]
    [InlineData("not json")]
    [InlineData("""{"batch":[]} trailing""")]
    public void MalformedJsonIsRefused(string body) => Assert.Contains("not valid JSON", Refused(Bytes(body)).Message, StringComparison.Ordinal);

    [Fact]
    public void InvalidUtf8OutsideStringsIsRefused() =>
        Refused([.. Encoding.UTF8.GetBytes("""{"batch":["""), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("]}")]);

    [Fact]
    public void InvalidUtf8InsideAStringIsRefused()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"batch":[{"type":"page","userId":"u"""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}]}")];

        Assert.Contains("UTF-8", Refused(body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8InAPropertyNameIsRefused()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"batch":[{"type":"identify","userId":"u1","traits":{"""), 0x22, 0xED, 0xA0, 0x80, 0x22, .. Encoding.UTF8.GetBytes(""":"x"}}]}""")];

        Assert.Contains("UTF-8", Refused(body).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWriteKeyWithALoneSurrogateIsNoKey() =>
        Assert.Null(SegmentIngestion.FindWriteKey(Bytes("""{"writeKey":"\ud800","batch":[]}""")));

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00\\ud800")]
    [InlineData("2026-03-01T12:00:00\\ud800Z")]
    public void ASentAtWithALoneSurrogateIsIgnored(string sentAt) =>
        Assert.Single(Ingestion.ReadBatch(Bytes($$"""{"sentAt":"{{sentAt}}","batch":[{"type":"page","userId":"u1"}]}"""), ReceivedAt).Accepted);

    [Fact]
    public void JsonNestedAThousandDeepIsRefused()
    {
        var body = """{"batch":[{"type":"identify","userId":"u1","traits":""" + string.Concat(Enumerable.Repeat("""{"a":""", 1000)) + "1" + new string('}', 1000) + "}]}";

        Refused(Bytes(body));
    }

    [Fact]
    public void ArraysNestedAThousandDeepAreRefused() =>
        Refused(Bytes("""{"batch":""" + new string('[', 1000) + new string(']', 1000) + "}"));

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"batch":{}}""")]
    [InlineData("""{"batch":null}""")]
    [InlineData("""{"Batch":[]}""")]
    public void ABodyWithoutABatchArrayIsRefused(string body) =>
        Assert.Contains("\"batch\" array", Refused(Bytes(body)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"batch\"")]
    [InlineData("null")]
    public void ABodyThatIsNotAnObjectIsRefused(string body) => Refused(Bytes(body));

    [Fact]
    public void MoreThan2500EventsAreRefused()
    {
        var events = Enumerable.Repeat("""{"type":"page","userId":"u1"}""", 2501).ToArray();

        Assert.Contains("2501 events; at most 2500", Refused(Batch(events)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly2500EventsAreRead()
    {
        var events = Enumerable.Range(0, 2500).Select(i => $$"""{"type":"page","userId":"u{{i % 7}}","messageId":"m{{i}}"}""").ToArray();

        var plan = Ingestion.ReadBatch(Batch(events), ReceivedAt);

        Assert.Equal(2500, plan.Accepted.Count);
        Assert.Empty(plan.Rejected);
    }

    [Fact]
    public void ASingleCallMustBeAnObject()
    {
        Assert.Throws<SegmentRequestException>(() => Ingestion.ReadSingle(Bytes("[]"), SegmentCallType.Track, ReceivedAt));
        Assert.Throws<SegmentRequestException>(() => Ingestion.ReadSingle(Array.Empty<byte>(), SegmentCallType.Track, ReceivedAt));
    }

    [Fact]
    public void ABadSingleCallIsRejectedNotRefused()
    {
        var plan = Ingestion.ReadSingle(Bytes("""{"messageId":"m1","event":"x"}"""), SegmentCallType.Track, ReceivedAt);

        var rejection = Assert.Single(plan.Rejected);
        Assert.Equal((0, "m1"), (rejection.Index, rejection.MessageId));
        Assert.Empty(plan.Accepted);
    }
}
