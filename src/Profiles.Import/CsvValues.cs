using System.Globalization;
using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// Turns CSV text into JSON values: canonical numbers (no leading zeros, no thousands separators) become numbers,
/// <c>true</c>/<c>false</c> become booleans, everything else stays a string (so "01234" stays a postcode).
/// </summary>
public static class CsvValues
{
    public static JsonNode ToJson(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text is "true") return JsonValue.Create(true);
        if (text is "false") return JsonValue.Create(false);
        if (IsCanonicalNumber(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static bool IsCanonicalNumber(string text)
    {
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || digits.Length > 28) return false;
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? "0" : digits[(point + 1)..];
        if (whole.Length == 0 || fraction.Length == 0) return false;
        if (whole.Length > 1 && whole[0] == '0') return false;
        return whole.All(char.IsAsciiDigit) && fraction.All(char.IsAsciiDigit);
    }
}
