namespace Profiles.Grains.Webhooks;

/// <summary>What an endpoint receives.</summary>
public enum WebhookFormat
{
    /// <summary><c>{"changes": [...]}</c>: each class change as it is, signed (the default).</summary>
    Profiles,

    /// <summary>
    /// A Segment batch of <c>track</c> calls as Segment Engage sends audiences: <c>Audience Entered</c> and
    /// <c>Audience Exited</c> with <c>properties.audience_key</c> and <c>properties.&lt;audience_key&gt;</c> true or false; the
    /// first sync sends every current member, then only changes.
    /// </summary>
    Segment,
}
