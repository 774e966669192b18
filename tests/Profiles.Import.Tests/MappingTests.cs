using System.Text.Json.Nodes;

namespace Profiles.Import.Tests;

public sealed class MappingTests
{
    private static SourceRecord Row(int line, params (string Column, string Value)[] fields) =>
        SourceRecord.FromColumns(line, fields.ToDictionary(f => f.Column, f => f.Value));

    private static EventMapper Mapper(string type = "track", params string[] maps) =>
        new([.. maps.Select(FieldMapping.Parse)], type, "hash");

    [Fact]
    public void ColumnsAndQuotedConstantsFillNestedFields()
    {
        var mapper = Mapper("track", "userId=customer_id", "event='Order Completed'", "properties.order_id=order_no",
            "properties.revenue=total", "timestamp=created_at");
        var (message, problem) = mapper.Map(Row(2, ("customer_id", "42"), ("order_no", "A-1"), ("total", "19.90"), ("created_at", "2024-01-02T03:04:05Z")));

        Assert.Null(problem);
        Assert.Equal("track", (string?)message!["type"]);
        Assert.Equal("42", (string?)message["userId"]);
        Assert.Equal("Order Completed", (string?)message["event"]);
        Assert.Equal("A-1", (string?)message["properties"]!["order_id"]);
        Assert.Equal(19.90m, (decimal)message["properties"]!["revenue"]!);
        Assert.Equal("2024-01-02T03:04:05Z", (string?)message["timestamp"]);
    }

    [Fact]
    public void EmptyCellsAreLeftOutAndCodesWithLeadingZerosStayText()
    {
        var mapper = Mapper("identify", "userId=id", "traits.zip=zip", "traits.city=city");
        var (message, _) = mapper.Map(Row(3, ("id", "7"), ("zip", "01234"), ("city", "")));

        Assert.Equal("identify", (string?)message!["type"]);
        Assert.Equal("01234", (string?)message["traits"]!["zip"]);
        Assert.False(message["traits"]!.AsObject().ContainsKey("city"));
    }

    [Fact]
    public void MessageIdsDependOnTheFileAndTheLineOnly()
    {
        var a = Mapper("track", "userId=id").Map(Row(5, ("id", "1"))).Event!;
        var again = Mapper("track", "userId=id").Map(Row(5, ("id", "1"))).Event!;
        var otherLine = Mapper("track", "userId=id").Map(Row(6, ("id", "1"))).Event!;
        var otherFile = new EventMapper([FieldMapping.Parse("userId=id")], "track", "other").Map(Row(5, ("id", "1"))).Event!;

        Assert.StartsWith("import-", (string?)a["messageId"], StringComparison.Ordinal);
        Assert.Equal((string?)a["messageId"], (string?)again["messageId"]);
        Assert.NotEqual((string?)a["messageId"], (string?)otherLine["messageId"]);
        Assert.NotEqual((string?)a["messageId"], (string?)otherFile["messageId"]);
    }

    [Fact]
    public void NdjsonFieldsAreReachedByDottedPaths()
    {
        var record = SourceRecord.FromJson(1, JsonNode.Parse("""{"customer":{"id":"c-1"},"amount":12.5,"kind":"Order Completed"}""")!.AsObject());
        var (message, _) = Mapper("track", "userId=customer.id", "event=kind", "properties.revenue=amount").Map(record);

        Assert.Equal("c-1", (string?)message!["userId"]);
        Assert.Equal("Order Completed", (string?)message["event"]);
        Assert.Equal(12.5m, (decimal)message["properties"]!["revenue"]!);
    }

    [Fact]
    public void AnUnreadableRecordIsAProblemNotAnEvent()
    {
        var (message, problem) = Mapper().Map(SourceRecord.Unreadable(9, "has 2 fields but the header has 3"));
        Assert.Null(message);
        Assert.Contains("header", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope=x")]
    [InlineData("userId")]
    [InlineData("properties.=x")]
    public void BadMappingsAreRefusedSayingWhy(string map)
    {
        Assert.Throws<ArgumentException>(() => FieldMapping.Parse(map));
    }

    [Fact]
    public void TheCommandLineNeedsUrlKeyAndFile()
    {
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--url", "http://localhost:5080", "--file", "x.csv"]));
        var settings = CommandLine.Parse(["--url", "http://localhost:5080", "--write-key", "k", "--file", "x.ndjson", "--map", "event='A B'", "--batch-size", "10"]);
        Assert.Equal(InputFormat.Ndjson, settings.Format);
        Assert.Equal(10, settings.BatchSize);
        Assert.Equal("A B", settings.Mappings[0].Constant);
        Assert.Equal("x.ndjson.import-state", settings.StatePath);
    }
}
