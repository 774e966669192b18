namespace Profiles.Domain.Conditions;

/// <summary>The type of a field a condition reads; checked when the condition is parsed.</summary>
public enum FieldKind
{
    /// <summary>A number: compared with number literals only.</summary>
    Number = 0,

    /// <summary>Text (a class value): compared with string literals only.</summary>
    Text = 1,

    /// <summary>Text that may hold a number (a trait): compared as a number with a number literal, as text with a string.</summary>
    Dynamic = 2,
}
