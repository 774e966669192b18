using System.Globalization;

namespace Profiles.Domain.Conditions;

/// <summary>The value of a field for one customer: a number, a text or missing.</summary>
public readonly record struct FieldValue
{
    private FieldValue(double? number, string? text)
    {
        Number = number;
        Text = text;
    }

    public static FieldValue Missing => default;

    public double? Number { get; }

    public string? Text { get; }

    public bool IsMissing => Number is null && Text is null;

    public static FieldValue Of(double number) => new(number, null);

    public static FieldValue OfNullable(int? number) => number is { } n ? new(n, null) : Missing;

    public static FieldValue Of(string? text) => text is null ? Missing : new(null, text);

    /// <summary>The value as a number: a number, or a text that reads as one (invariant culture).</summary>
    public double? AsNumber() =>
        Number ?? (Text is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null);

    /// <summary>The value as text, numbers in invariant culture.</summary>
    public string? AsText() => Text ?? Number?.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Text is { } t ? $"\"{t}\"" : Number is { } n ? n.ToString(CultureInfo.InvariantCulture) : "null";
}
