using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// A JSON document with parts no serializer writes: NaN, 1e400, lone surrogate escapes, invalid UTF-8 bytes. Each such
/// part stands in the tree as a placeholder string and is spliced in, byte for byte, when the document is rendered.
/// </summary>
public sealed class RawJson
{
    private const string Marker = "@@raw-part-";

    private readonly List<byte[]> _parts = [];

    /// <summary>A node that renders as <paramref name="raw"/> exactly.</summary>
    public JsonNode Part(byte[] raw)
    {
        _parts.Add(raw);
        return JsonValue.Create($"{Marker}{_parts.Count - 1}@@");
    }

    /// <summary>Whether <paramref name="text"/> is the placeholder of a raw part.</summary>
    public static bool IsPart(string text) => text.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>A node that renders as the UTF-8 of <paramref name="raw"/> exactly.</summary>
    public JsonNode Part(string raw) => Part(Encoding.UTF8.GetBytes(raw));

    /// <summary>The document's bytes with every placeholder replaced by its raw part.</summary>
    public byte[] Render(JsonNode? node)
    {
        var text = node is null ? "null" : node.ToJsonString();
        var output = new List<byte>(text.Length + 64);
        var position = 0;
        while (true)
        {
            var start = text.IndexOf("\"" + Marker, position, StringComparison.Ordinal);
            if (start < 0) break;
            var end = text.IndexOf("@@\"", start + Marker.Length + 1, StringComparison.Ordinal);
            var index = int.Parse(text.AsSpan(start + 1 + Marker.Length, end - start - 1 - Marker.Length), System.Globalization.CultureInfo.InvariantCulture);
            output.AddRange(Encoding.UTF8.GetBytes(text[position..start]));
            output.AddRange(_parts[index]);
            position = end + 3;
        }
        output.AddRange(Encoding.UTF8.GetBytes(text[position..]));
        return [.. output];
    }
}
