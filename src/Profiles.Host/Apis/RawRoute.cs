using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Profiles.Host.Apis;

/// <summary>
/// A route parameter as the client sent it: its path segment decoded exactly once. Routing leaves <c>%2F</c> encoded (so
/// a segment cannot turn into two), but a class name may contain '/', so the value is read from the raw request target,
/// counting the route's segments after the parameter from the end.
/// </summary>
public static class RawRoute
{
    /// <summary>The raw value of <paramref name="parameter"/>, or <paramref name="routed"/> when the raw target cannot tell.</summary>
    public static string Value(HttpContext context, string parameter, string routed)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern }) return routed;
        var position = pattern.PathSegments.ToList().FindIndex(s => s.Parts.Any(p => p is RoutePatternParameterPart named && named.Name == parameter));
        if (position < 0) return routed;
        // A trailing slash routes to the same endpoint; it is not a segment of its own.
        var segments = raw.Split('?', 2)[0].TrimEnd('/').Split('/');
        var index = segments.Length - pattern.PathSegments.Count + position;
        return index < 0 || index >= segments.Length ? routed : Uri.UnescapeDataString(segments[index]);
    }
}
