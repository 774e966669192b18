using System.Text;
using Profiles.Domain.Conditions;

namespace Profiles.Domain.Classification;

/// <summary>A custom segment ready to evaluate: its name, dimension and parsed condition.</summary>
public sealed class CustomSegment
{
    public const string Member = "member";
    public const string NonMember = "non-member";

    /// <summary>The longest segment name.</summary>
    public const int MaxNameLength = 64;

    private CustomSegment(string name, Condition condition)
    {
        Name = name;
        Dimension = Dimensions.CustomSegment(name);
        Condition = condition;
    }

    public string Name { get; }

    /// <summary><c>segment:&lt;name&gt;</c>.</summary>
    public string Dimension { get; }

    public Condition Condition { get; }

    /// <summary>
    /// Parses a definition; throws <see cref="ArgumentException"/> naming the setting (<paramref name="setting"/>), the
    /// segment and, for a bad condition, the position.
    /// </summary>
    public static CustomSegment Parse(CustomSegmentDefinition definition, string setting)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name?.Trim() ?? "";
        if (!IsValidName(name))
            throw new ArgumentException(
                $"{setting}:Name '{name}' must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(definition.Condition))
            throw new ArgumentException($"{setting}:Condition of segment '{name}' is required.");
        try
        {
            return new CustomSegment(name, Condition.Parse(definition.Condition, ProfileFields.KindOf));
        }
        catch (ConditionSyntaxException e)
        {
            throw new ArgumentException($"{setting}:Condition of segment '{name}' is invalid {e.Message}.", e);
        }
    }

    public static bool IsValidName(string name) =>
        name is { Length: > 0 and <= MaxNameLength } && char.IsAsciiLetterOrDigit(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Member when the condition holds; the reason lists the condition and the values of the fields it read.</summary>
    public ClassAssignment Classify(IFieldSource fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var holds = Condition.Evaluate(fields);
        var reason = new StringBuilder(holds ? "holds: " : "does not hold: ").Append(Condition.Text);
        if (Condition.Fields.Count > 0)
        {
            reason.Append(" (");
            for (var i = 0; i < Condition.Fields.Count; i++)
            {
                if (i > 0) reason.Append(", ");
                var field = Condition.Fields[i];
                reason.Append(field).Append(' ').Append(fields.Get(field).ToString());
            }
            reason.Append(')');
        }
        return new ClassAssignment(Dimension, holds ? Member : NonMember, reason.ToString());
    }
}
