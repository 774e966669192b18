namespace Profiles.Import;

/// <summary>
/// One <c>--map target=source</c>: the event field to fill (a dotted path such as <c>properties.order_id</c>) from a
/// column of the input, or from a constant when the source is in quotes.
/// </summary>
public sealed record FieldMapping(string Target, string? Column, string? Constant)
{
    private static readonly string[] TopLevel =
        ["type", "userId", "anonymousId", "event", "name", "category", "timestamp", "messageId", "previousId", "groupId"];

    private static readonly string[] Objects = ["properties", "traits", "context"];

    /// <summary>Parses <c>target=source</c>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static FieldMapping Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new ArgumentException($"--map '{text}' must look like target=column or target='constant'.");
        var target = text[..equals].Trim();
        var source = text[(equals + 1)..];
        var parts = target.Split('.');
        var known = parts.Length == 1
            ? TopLevel.Contains(target, StringComparer.Ordinal)
            : Objects.Contains(parts[0], StringComparer.Ordinal) && parts.Skip(1).All(p => p.Length > 0);
        if (!known)
            throw new ArgumentException(
                $"--map '{text}': unknown target '{target}'; use one of {string.Join(", ", TopLevel)} or properties.*, traits.*, context.*.");
        if (source.Length >= 2 && (source[0] is '\'' or '"') && source[^1] == source[0])
            return new FieldMapping(target, null, source[1..^1]);
        if (source.Length == 0) throw new ArgumentException($"--map '{text}' has no source column.");
        return new FieldMapping(target, source, null);
    }
}
