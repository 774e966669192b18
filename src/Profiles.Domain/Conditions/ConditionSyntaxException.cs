namespace Profiles.Domain.Conditions;

/// <summary>A condition could not be parsed; the message says what and where (1-based character position).</summary>
public sealed class ConditionSyntaxException : Exception
{
    public ConditionSyntaxException()
    {
    }

    public ConditionSyntaxException(string message)
        : base(message)
    {
    }

    public ConditionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConditionSyntaxException(string problem, int position)
        : base($"at position {position}: {problem}")
    {
        Problem = problem;
        Position = position;
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; } = "";

    /// <summary>1-based position of the character where the problem is.</summary>
    public int Position { get; }
}
