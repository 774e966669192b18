using System.Buffers;
using System.Text.Json;
using Profiles.Domain.Audiences;
using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>
/// The Segment format of a webhook request: a Segment batch (<c>{"batch": [...], "sentAt": ...}</c>) of <c>track</c> calls
/// as Segment Engage sends an audience to an event destination — <c>Audience Entered</c> with
/// <c>properties.audience_key</c> and <c>properties.&lt;audience_key&gt;: true</c> when a customer enters it,
/// <c>Audience Exited</c> with <c>false</c> when it leaves — so any receiver that reads Segment events follows membership.
/// An audience is a class of a dimension (<see cref="AudienceKeys"/>); a change of class leaves one and enters another.
/// </summary>
public static class SegmentAudiencePayload
{
    public const string Entered = "Audience Entered";
    public const string Exited = "Audience Exited";

    /// <summary>The calls of <paramref name="changes"/> the endpoint selects, oldest first; null when there are none (nothing to send).</summary>
    public static byte[]? Body(IEnumerable<ClassChange> changes, WebhookEndpointOptions endpoint, DateTimeOffset sentAt)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(endpoint);
        var buffer = new ArrayBufferWriter<byte>(4096);
        var calls = 0;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("batch");
            foreach (var change in changes)
            {
                if (change.OldClass is { } left && endpoint.Selects(change.Dimension, left) && AudienceKeys.Of(change.Dimension, left) is { } exited)
                {
                    WriteCall(json, change, Exited, exited, member: false);
                    calls++;
                }
                if (endpoint.Selects(change.Dimension, change.NewClass) && AudienceKeys.Of(change.Dimension, change.NewClass) is { } entered)
                {
                    WriteCall(json, change, Entered, entered, member: true);
                    calls++;
                }
            }
            json.WriteEndArray();
            json.WriteString("sentAt", sentAt);
            json.WriteEndObject();
        }
        return calls == 0 ? null : buffer.WrittenSpan.ToArray();
    }

    private static void WriteCall(Utf8JsonWriter json, ClassChange change, string name, string key, bool member)
    {
        json.WriteStartObject();
        json.WriteString("type", "track");
        json.WriteString("event", name);
        json.WriteString("userId", change.CustomerId);
        // The same for every delivery of this call: Segment deduplicates on it, and so can any receiver.
        json.WriteString("messageId", $"aud_{WebhookPayload.IdOf(change)[4..]}_{(member ? "in" : "out")}_{key}");
        json.WriteString("timestamp", change.At);
        json.WriteStartObject("properties");
        json.WriteString("audience_key", key);
        json.WriteBoolean(key, member);
        json.WriteEndObject();
        json.WriteStartObject("context");
        json.WriteStartObject("personas");
        json.WriteString("computation_class", "audience");
        json.WriteString("computation_key", key);
        json.WriteString("namespace", "profiles");
        json.WriteEndObject();
        json.WriteStartObject("library");
        json.WriteString("name", "profiles-audiences");
        json.WriteString("version", "1.0");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
