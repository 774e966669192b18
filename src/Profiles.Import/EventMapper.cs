using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Profiles.Import;

/// <summary>
/// Builds one Segment event per record from the mappings. The message id is derived from the file's content hash and
/// the record's line, so the same file imported twice sends the same ids and the server keeps each event once.
/// </summary>
public sealed class EventMapper(IReadOnlyList<FieldMapping> mappings, string defaultType, string fileHash)
{
    public static string MessageIdFor(string fileHash, int line)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{fileHash}:{line}"));
        return "import-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>The event for <paramref name="record"/>, or the reason none can be built.</summary>
    public (JsonObject? Event, string? Problem) Map(SourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Problem is { } problem) return (null, problem);
        var message = new JsonObject();
        foreach (var mapping in mappings)
        {
            JsonNode? value;
            if (mapping.Constant is { } constant) value = JsonValue.Create(constant);
            else if (!record.TryGet(mapping.Column!, out value)) continue;
            Set(message, mapping.Target, value);
        }

        if (!message.ContainsKey("type")) message["type"] = defaultType;
        if (message["type"] is JsonValue t && t.TryGetValue<string>(out var type)) message["type"] = type.ToLowerInvariant();
        if (!message.ContainsKey("messageId")) message["messageId"] = MessageIdFor(fileHash, record.Line);
        else message["messageId"] = message["messageId"]!.ToString();
        foreach (var id in (string[])["userId", "anonymousId", "previousId", "groupId"])
        {
            // Ids read from CSV may look like numbers; Segment ids are strings.
            if (message[id] is JsonValue v) message[id] = v.ToString();
        }
        return (message, null);
    }

    private static void Set(JsonObject message, string target, JsonNode? value)
    {
        var parts = target.Split('.');
        var obj = message;
        foreach (var part in parts[..^1])
        {
            if (obj[part] is not JsonObject child)
            {
                child = new JsonObject();
                obj[part] = child;
            }
            obj = child;
        }
        obj[parts[^1]] = value;
    }
}
