using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;

namespace Profiles.AzureStorage.Storage;

/// <summary>
/// Grain keys that the official Azure Table grain storage can store whatever a customer sends as an id.
/// </summary>
/// <remarks>
/// <para>
/// The official provider uses <c>PartitionKey = Sanitize($"{ServiceId}_{GrainId}")</c> and <c>RowKey = Sanitize(stateName)</c>,
/// where Sanitize replaces <c>/ \ # ?</c> with <c>_</c> and refuses keys of 1,024 characters or more. That collides
/// (customer ids <c>a/b</c> and <c>a_b</c> share a row), ids with control characters are refused by Azure for good, and so
/// are keys over Azure's limit of 512 characters. So before the official provider sees a grain id, its key is made safe
/// (<see cref="SafeGrainId"/>); the official provider then writes the partition key this class always produced.
/// </para>
/// <para>
/// Every string without a forbidden character is a possible official key, so no escaping can be both collision-free and
/// identical to the official layout for all of them: some ordinary keys must change. We make that set as small as possible by
/// reserving one character nobody puts in identifiers, <see cref="EscapeMarker"/> (U+00A4 CURRENCY SIGN):
/// </para>
/// <list type="bullet">
/// <item>A grain key with no forbidden character and no <c>¤</c> is left exactly as it is.</item>
/// <item>Otherwise each forbidden character and each <c>¤</c> becomes <c>¤XX</c> (two upper-case hex digits of the UTF-16 code,
/// all such codes are below 0x100). The result always contains <c>¤</c>, which no key of the first kind does, and the encoding is
/// reversible, so no two grain keys share a row.</item>
/// </list>
/// <para>
/// Only the grain key is encoded this way; the service id and grain type prefix get the official sanitization (they are chosen by
/// developers, not customers).
/// </para>
/// <para>
/// Azure limits a key to 1 KiB of UTF-16, 512 characters (Azurite refuses the 513th). A partition key longer than that — an id of
/// a few hundred characters, or fewer that each escape to three — is cut and ends in <c>¤H</c> and the SHA-256 of the whole
/// encoded key. Escapes are <c>¤</c> and two hex digits, so no other key contains <c>¤H</c>: such keys cannot collide with the
/// others, nor (but for a SHA-256 collision) with each other; and no key of that length could be stored before.
/// </para>
/// </remarks>
internal static class AzureTableGrainKeys
{
    /// <summary>The reserved escape character, U+00A4 CURRENCY SIGN.</summary>
    public const char EscapeMarker = '\u00A4';

    /// <summary>The longest Azure Table key: 1 KiB of UTF-16.</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Marks a partition key whose end is a hash (never produced by <see cref="Encode"/>, whose escapes are hex).</summary>
    private const string HashedMarker = "\u00A4H";

    /// <summary>
    /// The grain id to hand the official provider: the same type, with a key that has no character Azure forbids or the
    /// official sanitization changes, and short enough that the whole partition key fits Azure's limit.
    /// </summary>
    public static GrainId SafeGrainId(string serviceId, GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        var safe = SafeKey(OfficialSanitize($"{serviceId}_{grainId.Type}/").Length, key, serviceId, grainId.Type);
        return ReferenceEquals(safe, key) ? grainId : GrainId.Create(grainId.Type, safe);
    }

    /// <summary>The partition key the official provider writes for <paramref name="grainId"/> once made safe.</summary>
    public static string PartitionKey(string serviceId, GrainId grainId) =>
        OfficialSanitize($"{serviceId}_{SafeGrainId(serviceId, grainId)}");

    private static string SafeKey(int prefixLength, string key, string serviceId, GrainType type)
    {
        var encoded = Encode(key);
        if (prefixLength + encoded.Length <= MaxKeyLength)
        {
            return encoded;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)));
        var keep = MaxKeyLength - prefixLength - HashedMarker.Length - hash.Length;
        if (keep < 0)
        {
            throw new ArgumentException(
                $"The service id '{serviceId}' and grain type '{type}' leave no room for a grain key in an Azure Table key of {MaxKeyLength} characters.",
                nameof(serviceId));
        }

        // Never end the kept part between the two halves of a surrogate pair: a lone surrogate is not text.
        if (keep > 0 && char.IsHighSurrogate(encoded[keep - 1]))
        {
            keep--;
        }

        return string.Concat(encoded.AsSpan(0, keep), HashedMarker, hash);
    }

    /// <summary>The official provider's sanitization: <c>/ \ # ?</c> become <c>_</c>.</summary>
    public static string OfficialSanitize(string value) =>
        value.Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');

    /// <summary>Identity for ordinary strings; the reversible <c>¤XX</c> escape otherwise.</summary>
    public static string Encode(string value)
    {
        if (!value.AsSpan().ContainsAny(MustEscape))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (MustEscape.Contains(c))
            {
                builder.Append(EscapeMarker).Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Inverse of <see cref="Encode"/>.</summary>
    public static string Decode(string value)
    {
        if (!value.Contains(EscapeMarker, StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == EscapeMarker)
            {
                builder.Append((char)int.Parse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Characters Azure forbids in keys (<c>/ \ # ?</c>, U+0000-001F, U+007F-009F) plus the escape marker.</summary>
    private static readonly System.Buffers.SearchValues<char> MustEscape = System.Buffers.SearchValues.Create(BuildMustEscape());

    private static string BuildMustEscape()
    {
        var builder = new StringBuilder("/\\#?");
        for (var c = '\u0000'; c <= '\u001F'; c++)
        {
            builder.Append(c);
        }

        for (var c = '\u007F'; c <= '\u009F'; c++)
        {
            builder.Append(c);
        }

        return builder.Append(EscapeMarker).ToString();
    }
}
