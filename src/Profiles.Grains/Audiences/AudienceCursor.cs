using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Profiles.Domain.Audiences;

namespace Profiles.Grains.Audiences;

/// <summary>
/// Where a member listing goes on: the shard, and the last id listed in it (members are listed shard by shard, in ordinal
/// order of their ids within each: an order that members joining or leaving do not shuffle). Opaque to clients.
/// </summary>
public readonly record struct AudienceCursor(int Shard, string? After)
{
    private const string Prefix = "a1.";

    /// <summary>The start of a listing.</summary>
    public static AudienceCursor Start => new(0, null);

    /// <summary>The cursor as a URL-safe token.</summary>
    public string Encode()
    {
        var text = Shard.ToString(CultureInfo.InvariantCulture) + (After is null ? "" : "|" + After);
        return Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a token <see cref="Encode"/> made; false for anything else.</summary>
    public static bool TryDecode(string? token, out AudienceCursor cursor)
    {
        cursor = Start;
        if (string.IsNullOrEmpty(token) || token.Length > 4096 || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        var shardText = bar < 0 ? text : text[..bar];
        if (!int.TryParse(shardText, NumberStyles.None, CultureInfo.InvariantCulture, out var shard) || shard is < 0 or >= AudienceShards.Count) return false;
        var after = bar < 0 ? null : text[(bar + 1)..];
        if (after is { Length: 0 }) return false;
        cursor = new AudienceCursor(shard, after);
        return true;
    }
}
