using Profiles.Domain.Conditions;

namespace Profiles.Domain.Tests.Conditions;

public sealed class ConditionTests
{
    private static readonly Dictionary<string, FieldKind> Kinds = new(StringComparer.Ordinal)
    {
        ["frequency"] = FieldKind.Number,
        ["monetary"] = FieldKind.Number,
        ["recency"] = FieldKind.Number,
        ["lifecycle"] = FieldKind.Text,
        ["valueTier"] = FieldKind.Text,
        ["engagement.pageViews"] = FieldKind.Number,
    };

    private static FieldKind? KindOf(string field) =>
        Kinds.TryGetValue(field, out var kind) ? kind : field.StartsWith("traits.", StringComparison.Ordinal) ? FieldKind.Dynamic : null;

    private static Condition Parse(string text) => Condition.Parse(text, KindOf);

    private static bool Holds(string text, params (string Field, object? Value)[] fields) => Parse(text).Evaluate(new Fields(fields));

    private static ConditionSyntaxException Error(string text) => Assert.Throws<ConditionSyntaxException>(() => Parse(text));

    private sealed class Fields((string Field, object? Value)[] values) : IFieldSource
    {
        public FieldValue Get(string field) => values.FirstOrDefault(v => v.Field == field).Value switch
        {
            int n => FieldValue.Of(n),
            double d => FieldValue.Of(d),
            string s => FieldValue.Of(s),
            _ => FieldValue.Missing,
        };
    }

    [Theory]
    [InlineData("frequency = 3", true)]
    [InlineData("frequency == 3", true)]
    [InlineData("frequency != 3", false)]
    [InlineData("frequency <> 4", true)]
    [InlineData("frequency < 3", false)]
    [InlineData("frequency <= 3", true)]
    [InlineData("frequency > 2.5", true)]
    [InlineData("frequency >= 3.5", false)]
    [InlineData("frequency > -1", true)]
    [InlineData("frequency>-1", true)]
    public void NumbersCompareNumerically(string text, bool expected) => Assert.Equal(expected, Holds(text, ("frequency", 3)));

    [Theory]
    [InlineData("lifecycle = 'churned'", true)]
    [InlineData("lifecycle = \"CHURNED\"", true)]
    [InlineData("lifecycle != 'churned'", false)]
    [InlineData("lifecycle < 'dormant'", true)]
    [InlineData("lifecycle in ['dormant', 'churned']", true)]
    [InlineData("lifecycle in ['new']", false)]
    [InlineData("lifecycle not in ['new', 'active']", true)]
    [InlineData("not lifecycle in ['churned']", false)]
    public void TextComparesIgnoringCase(string text, bool expected) => Assert.Equal(expected, Holds(text, ("lifecycle", "churned")));

    [Theory]
    [InlineData("frequency > 1 or frequency > 5 and frequency > 100", true)]
    [InlineData("(frequency > 1 or frequency > 5) and frequency > 100", false)]
    [InlineData("not frequency > 5 and frequency > 1", true)]
    [InlineData("not (frequency > 5 and frequency > 1)", true)]
    [InlineData("not not frequency = 3", true)]
    [InlineData("frequency = 1 or frequency = 2 or frequency = 3", true)]
    [InlineData("frequency >= 1 AND frequency <= 5 AND NOT frequency = 4", true)]
    public void NotBindsTighterThanAndWhichBindsTighterThanOr(string text, bool expected) =>
        Assert.Equal(expected, Holds(text, ("frequency", 3)));

    [Fact]
    public void AMissingFieldIsOnlyUnequalAndNull()
    {
        Assert.False(Holds("recency < 30"));
        Assert.False(Holds("recency >= 30"));
        Assert.False(Holds("recency = 30"));
        Assert.True(Holds("recency != 30"));
        Assert.True(Holds("recency = null"));
        Assert.False(Holds("recency != null"));
        Assert.False(Holds("traits.plan in ['gold']"));
        Assert.True(Holds("traits.plan not in ['gold']"));
        Assert.True(Holds("recency != null", ("recency", 4)));
    }

    [Fact]
    public void TraitsCompareAsNumbersWithNumbersAndAsTextWithText()
    {
        Assert.True(Holds("traits.age >= 30", ("traits.age", "42")));
        Assert.False(Holds("traits.age >= 30", ("traits.age", "29.5")));
        Assert.True(Holds("traits.age = '042'", ("traits.age", "042")));
        Assert.False(Holds("traits.age = 42", ("traits.age", "forty-two")));
        Assert.True(Holds("traits.age != 42", ("traits.age", "forty-two")));
        Assert.True(Holds("traits.vip = true", ("traits.vip", "true")));
        Assert.True(Holds("traits.plan in ['gold', 'vip']", ("traits.plan", "VIP")));
        Assert.True(Holds("traits.tier in [1, 2]", ("traits.tier", "2")));
        Assert.True(Holds("traits[\"first name\"] = 'Ada'", ("traits.first name", "Ada")));
        Assert.True(Holds("traits.address.country = 'DE'", ("traits.address.country", "DE")));
    }

    [Fact]
    public void StringsTakeEitherQuoteAndEscapes()
    {
        Assert.True(Holds("traits.note = 'it\\'s'", ("traits.note", "it's")));
        Assert.True(Holds("traits.note = \"say \\\"hi\\\" \\\\ bye\"", ("traits.note", "say \"hi\" \\ bye")));
        Assert.True(Holds("traits.note = \"it's\"", ("traits.note", "it's")));
    }

    [Fact]
    public void TheConditionListsTheFieldsItReads() =>
        Assert.Equal(["frequency", "lifecycle", "traits.plan"], Parse("frequency > 1 and (lifecycle = 'new' or traits.plan = 'x' or frequency < 9)").Fields);

    [Theory]
    [InlineData("", 1, "the condition is empty")]
    [InlineData("   ", 4, "the condition is empty")]
    [InlineData("frequency >", 12, "expected a number")]
    [InlineData("frequency > 3 and", 18, "expected a field name")]
    [InlineData("frequecy > 3", 1, "unknown field 'frequecy'")]
    [InlineData("frequency > 'three'", 13, "'frequency' is a number and cannot be compared with the text \"three\"")]
    [InlineData("lifecycle = 3", 13, "'lifecycle' is text and cannot be compared with the number 3")]
    [InlineData("lifecycle in ['new', 3]", 22, "cannot be compared with the number")]
    [InlineData("traits.x in ['a', 3]", 19, "a list mixes numbers and strings")]
    [InlineData("traits.x in []", 14, "expected a number")]
    [InlineData("traits.x in ['a' 'b']", 18, "expected ',' or ']'")]
    [InlineData("traits.x in 'a'", 13, "expected '['")]
    [InlineData("(frequency > 1", 15, "expected ')' to close the '(' at position 1")]
    [InlineData("frequency > 1)", 14, "expected 'and', 'or' or the end")]
    [InlineData("frequency 3", 11, "expected a comparison")]
    [InlineData("frequency > 1 && recency < 3", 15, "unexpected character '&'")]
    [InlineData("lifecycle = 'open", 13, "no closing '")]
    [InlineData("frequency < null", 13, "null can only be compared with = or !=")]
    [InlineData("frequency > 1.2.3", 13, "'1.2.3' is not a number")]
    [InlineData("frequency > 3x", 14, "a number runs into 'x'")]
    [InlineData("and = 3", 1, "expected a field name")]
    [InlineData("traits. = 'x'", 1, "'traits.' is not a field name")]
    public void ParseErrorsSayWhatAndWhere(string text, int position, string problem)
    {
        var error = Error(text);

        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"at position {position}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNestingAndHugeConditionsAreRefused()
    {
        Assert.Contains("nested more than", Error(new string('(', 40) + "frequency > 1" + new string(')', 40)).Message, StringComparison.Ordinal);
        Assert.Contains("nested more than", Error(string.Concat(Enumerable.Repeat("not ", 40)) + "frequency > 1").Message, StringComparison.Ordinal);
        Assert.Contains("longer than", Error(string.Join(" or ", Enumerable.Repeat("frequency > 1", 400))).Message, StringComparison.Ordinal);
    }
}
