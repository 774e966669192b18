namespace Profiles.Domain.Conditions;

/// <summary>
/// A parsed condition over a customer's fields, e.g. <c>frequency >= 3 and (valueTier = "A" or traits.plan in ["gold", "vip"])</c>.
/// Parsed once (types checked against the known fields), then evaluated without allocation of its own on every
/// reclassification. The language: fields, number and string literals, <c>null</c>, <c>true</c>, <c>false</c>,
/// <c>= != &lt; &lt;= &gt; &gt;=</c>, <c>in [..]</c>, <c>not in [..]</c>, <c>not</c>, <c>and</c>, <c>or</c> and parentheses;
/// <c>not</c> binds tighter than <c>and</c>, which binds tighter than <c>or</c>.
/// </summary>
public sealed class Condition
{
    /// <summary>The longest condition accepted.</summary>
    public const int MaxLength = 4000;

    private readonly ConditionNode _root;

    private Condition(string text, ConditionNode root)
    {
        Text = text;
        _root = root;
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        root.CollectFields(fields);
        Fields = [.. fields];
    }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The fields the condition reads, sorted.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; <paramref name="kindOf"/> gives the type of a field name or null when there is no
    /// such field. Throws <see cref="ConditionSyntaxException"/> naming the problem and its position.
    /// </summary>
    public static Condition Parse(string text, Func<string, FieldKind?> kindOf)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(kindOf);
        return new Condition(text, new ConditionParser(text, kindOf).ParseAll());
    }

    /// <summary>Whether the condition holds for the customer whose fields <paramref name="source"/> gives.</summary>
    public bool Evaluate(IFieldSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _root.Evaluate(source);
    }

    public override string ToString() => Text;
}
