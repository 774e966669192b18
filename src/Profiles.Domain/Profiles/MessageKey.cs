namespace Profiles.Domain.Profiles;

/// <summary>
/// A message id as <see cref="MessageIdWindow"/> keeps it: an id in the canonical GUID form that SDKs assign (36
/// lower-case characters, "D" format) as its 16 bytes, any other id as its string. The mapping is one-to-one, so two
/// keys are equal exactly when their ids are.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct MessageKey([property: Id(0)] Guid Guid, [property: Id(1)] string? Text)
{
    /// <summary>The key of <paramref name="messageId"/>.</summary>
    public static MessageKey Of(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        // "D" parsing accepts upper-case digits too; only ids that format back to themselves are kept as bytes.
        return messageId.Length == 36 && !messageId.AsSpan().ContainsAnyInRange('A', 'Z') && Guid.TryParseExact(messageId, "D", out var guid)
            ? new MessageKey(guid, null)
            : new MessageKey(default, messageId);
    }

    /// <summary>The message id this key was made from.</summary>
    public override string ToString() => Text ?? Guid.ToString("D");
}
