using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// The body of a webhook request, <c>{"changes":[{id, customerId, dimension, oldClass, newClass, at, messageId}]}</c>,
/// and its signature header <c>X-Profiles-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>.
/// </summary>
public static class WebhookPayload
{
    public const string SignatureHeader = "X-Profiles-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The change's id: the same for every delivery of the same change, so receivers can drop repeats.</summary>
    public static string IdOf(ClassChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var text = string.Join('\n', change.CustomerId, change.Dimension, change.OldClass ?? "", change.NewClass,
            change.At.UtcTicks.ToString(CultureInfo.InvariantCulture), change.MessageId ?? "");
        return "chg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static byte[] Body(IEnumerable<ClassChange> changes) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        changes = changes.Select(c => new
        {
            id = IdOf(c),
            customerId = c.CustomerId,
            dimension = c.Dimension,
            oldClass = c.OldClass,
            newClass = c.NewClass,
            at = c.At,
            messageId = c.MessageId,
        }),
    }, Json);

    public static string Signature(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return string.Create(CultureInfo.InvariantCulture, $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}");
    }
}
