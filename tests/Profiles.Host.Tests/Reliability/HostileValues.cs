using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Host.Tests.Reliability;

/// <summary>
/// Seeded hostile JSON values: wrong types, ids with every character Azure Table keys forbid, control characters,
/// blank, very long and not well-formed strings, amounts that are no usable number, and timestamps out of any range.
/// </summary>
public sealed class HostileValues(Random random)
{
    /// <summary>Characters Azure Table keys forbid: <c>/ \ # ?</c>, U+0000–U+001F and U+007F–U+009F.</summary>
    public static IReadOnlyList<char> TableKeyForbidden { get; } =
        [.. "/\\#?", .. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)];

    /// <summary>Control characters (C0, DEL, C1): ids carrying them are refused.</summary>
    public static IReadOnlyList<char> Controls { get; } = [.. TableKeyForbidden.Where(char.IsControl)];

    private static readonly string[] Texts =
    [
        "", " ", "   ", "\t", " \n ", "\u00A0", "\u3000", "a/b", "a\\b", "a#b", "a?b", "/", "\\", "#", "?", "//", "?#/\\",
        "..", ".", "%", "%2F", "%00", "a%2Fb", "¤", "¤2F", "a¤2Fb", "¤¤", "😀", "e\u0301", "\u200B", "\u202Eevil", "\uFEFFbom",
        "\uFFFF", "\uFFFE", "'; DROP TABLE x;--", "<script>alert(1)</script>", "null", "true", "0", "-1", "NaN", "Infinity",
        "${jndi:ldap://x}", "{{7*7}}", "a@b", "@", "x@" + new string('/', 300),
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "-0.0001", "1.5", "1e308", "-1e308", "1e-400", "1e400", "-1e400", "79228162514264337593543950336",
        "-79228162514264337593543950336", "123456789012345678901234567890", "100000000.0001", "9223372036854775808",
        "-9223372036854775809", "2147483648", "4.9e-324", "0.00000000000000000000000000001",
    ];

    private static readonly string[] NotNumbers = ["NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1e", "--1", "1_000"];

    private static readonly string[] Times =
    [
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00",
        "1970-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T25:00:00Z", "yesterday", "",
        "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00+99:00", "1700000000", "\u0000", "+275760-09-13T00:00:00Z",
    ];

    /// <summary>Raw JSON strings that are valid JSON but not well-formed Unicode.</summary>
    private static readonly string[] LoneSurrogates = ["\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"", "\"\\udc00\\ud800\"", "\"x\\ud83d\""];

    /// <summary>Raw string tokens whose bytes are not UTF-8.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x61, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
    ];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public bool Chance(double p) => random.NextDouble() < p;

    public int Next(int max) => random.Next(max);

    /// <summary>A JSON-safe string meant to break ids and text fields.</summary>
    public string Text() => random.Next(6) switch
    {
        0 => $"id{Pick(TableKeyForbidden)}{random.Next(1000)}",
        1 => new string(Pick(TableKeyForbidden), 1 + random.Next(3)),
        2 => new string(Pick(['a', '/', '¤', '#', 'é', ' ']), Pick([100, 101, 255, 256, 257, 320, 513, 2000, 40_000])),
        _ => Pick(Texts),
    };

    /// <summary>Any hostile value: a wrong type, a hostile string or number, or a raw token no serializer writes.</summary>
    public JsonNode? Any(RawJson doc) => random.Next(12) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => doc.Part(Pick(Numbers)),
        3 => doc.Part(Pick(NotNumbers)),
        4 => new JsonArray(JsonValue.Create(Text()), JsonValue.Create(1)),
        5 => new JsonObject { ["nested"] = Nested(1 + random.Next(8)) },
        6 => doc.Part(Pick(LoneSurrogates)),
        7 => doc.Part(Pick(InvalidUtf8)),
        8 => JsonValue.Create(Pick(Times)),
        _ => JsonValue.Create(Text()),
    };

    /// <summary>A hostile amount (revenue, price, quantity, rating, score).</summary>
    public JsonNode? Amount(RawJson doc) => random.Next(5) switch
    {
        0 => doc.Part(Pick(Numbers)),
        1 => JsonValue.Create(Pick(NotNumbers)),
        2 => JsonValue.Create(Pick(Numbers)),
        3 => doc.Part(Pick(NotNumbers)),
        _ => Any(doc),
    };

    /// <summary>A hostile timestamp.</summary>
    public JsonNode? Time(RawJson doc) => random.Next(4) == 0 ? Any(doc) : JsonValue.Create(Pick(Times));

    /// <summary>Objects nested <paramref name="depth"/> deep.</summary>
    public static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++) node = new JsonObject { ["k"] = node };
        return node;
    }

    /// <summary><paramref name="depth"/> nested arrays as raw text (too deep for any tree to render).</summary>
    public static byte[] DeepArrays(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));
}
