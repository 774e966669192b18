namespace Profiles.Domain.Conditions;

/// <summary>A node of a parsed condition.</summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(IFieldSource source);

    public abstract void CollectFields(ISet<string> fields);
}

internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed class AndNode(ConditionNode left, ConditionNode right) : ConditionNode
{
    public override bool Evaluate(IFieldSource source) => left.Evaluate(source) && right.Evaluate(source);

    public override void CollectFields(ISet<string> fields)
    {
        left.CollectFields(fields);
        right.CollectFields(fields);
    }
}

internal sealed class OrNode(ConditionNode left, ConditionNode right) : ConditionNode
{
    public override bool Evaluate(IFieldSource source) => left.Evaluate(source) || right.Evaluate(source);

    public override void CollectFields(ISet<string> fields)
    {
        left.CollectFields(fields);
        right.CollectFields(fields);
    }
}

internal sealed class NotNode(ConditionNode inner) : ConditionNode
{
    public override bool Evaluate(IFieldSource source) => !inner.Evaluate(source);

    public override void CollectFields(ISet<string> fields) => inner.CollectFields(fields);
}

/// <summary><c>field op literal</c>. A missing field is only unequal to everything; <c>= null</c> tests for it.</summary>
internal sealed class CompareNode(string field, CompareOp op, FieldValue literal) : ConditionNode
{
    public override bool Evaluate(IFieldSource source)
    {
        var value = source.Get(field);
        if (literal.IsMissing) return op == CompareOp.Equal ? value.IsMissing : !value.IsMissing;
        if (value.IsMissing) return op == CompareOp.NotEqual;
        int? order = Compare(value, literal);
        if (order is not { } c) return op == CompareOp.NotEqual;
        return op switch
        {
            CompareOp.Equal => c == 0,
            CompareOp.NotEqual => c != 0,
            CompareOp.Less => c < 0,
            CompareOp.LessOrEqual => c <= 0,
            CompareOp.Greater => c > 0,
            _ => c >= 0,
        };
    }

    /// <summary>Numbers numerically; texts ordinally ignoring case; null when the value cannot be read as the literal's type.</summary>
    internal static int? Compare(FieldValue value, FieldValue literal)
    {
        if (literal.Number is { } number) return value.AsNumber() is { } n ? n.CompareTo(number) : null;
        return value.AsText() is { } t ? Math.Sign(string.Compare(t, literal.Text, StringComparison.OrdinalIgnoreCase)) : null;
    }

    public override void CollectFields(ISet<string> fields) => fields.Add(field);
}

/// <summary><c>field in [a, b, …]</c>, or <c>not in</c>.</summary>
internal sealed class InNode(string field, IReadOnlyList<FieldValue> items, bool negated) : ConditionNode
{
    public override bool Evaluate(IFieldSource source)
    {
        var value = source.Get(field);
        var found = !value.IsMissing && items.Any(item => CompareNode.Compare(value, item) == 0);
        return found != negated;
    }

    public override void CollectFields(ISet<string> fields) => fields.Add(field);
}
