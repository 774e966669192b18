using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Profiles.Domain.Ingest;

/// <summary>Flattens identify/group traits to dotted keys with string values (<c>address.city</c> → "Berlin").</summary>
internal static class TraitFlattener
{
    private const int MaxTraits = 100;
    private const int MaxValueLength = 1000;

    public static ImmutableSortedDictionary<string, string> Flatten(JsonElement? traits, string prefix)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (traits is { } t) Add(builder, t, prefix, depth: 0);
        return builder.ToImmutable();
    }

    private static void Add(ImmutableSortedDictionary<string, string>.Builder builder, JsonElement element, string prefix, int depth)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (builder.Count >= MaxTraits) return;
            var key = prefix + property.Name;
            if (key.Length > 200) continue;
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when depth < 3:
                    Add(builder, value, key + ".", depth + 1);
                    break;
                case JsonValueKind.String:
                    var text = value.GetString()!;
                    builder[key] = text.Length > MaxValueLength ? text[..MaxValueLength] : text;
                    break;
                case JsonValueKind.Number:
                    builder[key] = value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText();
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    builder[key] = value.ValueKind == JsonValueKind.True ? "true" : "false";
                    break;
                default:
                    // Arrays, nulls and objects nested too deep carry no class-relevant trait; they are not kept.
                    break;
            }
        }
    }
}
