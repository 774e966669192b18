namespace Profiles.Import.Tests;

public sealed class CsvParserTests
{
    private static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var parser = new CsvParser(new StringReader(text));
        var records = new List<(int, List<string>)>();
        while (parser.ReadRecord() is { } record) records.Add(record);
        return records;
    }

    [Fact]
    public void PlainFieldsAndLineEndingsOfEveryKind()
    {
        var records = Parse("a,b,c\r\n1,2,3\n4,5,6\r7,8,9");
        Assert.Equal(4, records.Count);
        Assert.Equal(["7", "8", "9"], records[3].Fields);
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void QuotedFieldsHoldCommasDoubledQuotesAndLineBreaks()
    {
        var records = Parse("id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\r\nlines\"\n4,x\n");
        Assert.Equal("a, b", records[1].Fields[1]);
        Assert.Equal("say \"hi\"", records[2].Fields[1]);
        Assert.Equal("two\r\nlines", records[3].Fields[1]);
        // The record after a field with a line break starts on the line after it.
        Assert.Equal(6, records[4].Line);
    }

    [Fact]
    public void EmptyFieldsAndAnEmptyQuotedFieldAreEmptyStrings()
    {
        var records = Parse("a,b,c\n,\"\",\n");
        Assert.Equal(["", "", ""], records[1].Fields);
    }

    [Fact]
    public void ATrailingLineBreakMakesNoExtraRecord()
    {
        Assert.Equal(2, Parse("a\n1\n").Count);
        Assert.Equal(2, Parse("a\r\n1\r\n").Count);
    }

    [Fact]
    public void AnUnterminatedQuoteIsAnErrorNamingItsLine()
    {
        var e = Assert.Throws<FormatException>(() => Parse("a,b\n1,2\n3,\"never closed\n4,5\n"));
        Assert.Contains("Line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsAnError()
    {
        Assert.Throws<FormatException>(() => Parse("a\n\"x\"y\n"));
    }

    [Fact]
    public void AQuoteInsideAnUnquotedFieldIsKeptAsText()
    {
        Assert.Equal("5\" screen", Parse("a\n5\" screen\n")[1].Fields[0]);
    }
}
