using Profiles.Domain.Profiles;

namespace Profiles.Grains.Webhooks;

/// <summary>One receiver of tier changes, under <c>Profiles:Webhooks:Endpoints:n</c>.</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>A stable name for the endpoint's outbox (default: the URL). Keep it when the URL changes to keep pending deliveries.</summary>
    public string? Name { get; set; }

    /// <summary>The absolute http(s) URL changes are POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>The shared secret of the <c>X-Profiles-Signature</c> HMAC-SHA256 header.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Only changes in these dimensions (e.g. <c>value</c>, <c>lifecycle</c>); empty for every dimension.</summary>
    public List<string> Dimensions { get; set; } = [];

    /// <summary>Only changes into or out of these classes (e.g. <c>A</c>, <c>churned</c>); empty for every class.</summary>
    public List<string> Classes { get; set; } = [];

    /// <summary>
    /// <c>Profiles</c> (the default): the changes as they are. <c>Segment</c>: audience membership as Segment <c>track</c>
    /// calls (<c>Audience Entered</c> / <c>Audience Exited</c>), first every current member, then the changes.
    /// </summary>
    public WebhookFormat Format { get; set; } = WebhookFormat.Profiles;

    /// <summary>For the Segment format: the receiver's write key, sent in HTTP Basic (the key as user name), as Segment's clients send it.</summary>
    public string? WriteKey { get; set; }

    /// <summary>The outbox grain's key.</summary>
    public string Key => string.IsNullOrWhiteSpace(Name) ? Url : Name;

    /// <summary>Whether the endpoint wants changes into or out of <paramref name="value"/> in <paramref name="dimension"/> (a Segment audience).</summary>
    public bool Selects(string dimension, string value) =>
        (Dimensions.Count == 0 || Dimensions.Contains(dimension, StringComparer.OrdinalIgnoreCase)) &&
        (Classes.Count == 0 || Classes.Contains(value, StringComparer.OrdinalIgnoreCase));

    public bool Matches(ClassChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Dimensions.Count > 0 && !Dimensions.Contains(change.Dimension, StringComparer.OrdinalIgnoreCase)) return false;
        return Classes.Count == 0 ||
               Classes.Contains(change.NewClass, StringComparer.OrdinalIgnoreCase) ||
               (change.OldClass is { } old && Classes.Contains(old, StringComparer.OrdinalIgnoreCase));
    }
}
