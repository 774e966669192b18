using Microsoft.AspNetCore.Http.Features;

namespace Profiles.Host.Apis;

/// <summary>
/// The <c>{id}</c> of a customer route, read and checked once for a whole group of endpoints (as davidfowl/TodoApi's
/// validation filter), so that no handler repeats it: decoded exactly once from the raw request target, and refused with
/// a 400 problem before the handler runs when it is blank or too long.
/// </summary>
public static class CustomerIdFilter
{
    /// <summary>The longest customer id a route accepts.</summary>
    public const int MaxLength = 512;

    private const string Parameter = "id";

    /// <summary>Hands every endpoint of <paramref name="builder"/> that takes a <c>string id</c> the checked, decoded id.</summary>
    public static TBuilder WithCustomerId<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilterFactory((factory, next) =>
        {
            var index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.Name == Parameter && p.ParameterType == typeof(string));
            if (index < 0) return next;
            return async invocation =>
            {
                var id = RawRouteValue(invocation.HttpContext, invocation.GetArgument<string>(index));
                if (string.IsNullOrWhiteSpace(id) || id.Length > MaxLength)
                    return Problems.BadRequest($"The customer id must be 1 to {MaxLength} characters, not only white space.");
                invocation.Arguments[index] = id;
                return await next(invocation);
            };
        });
    }

    /// <summary>
    /// The id's path segment decoded exactly once. Routing leaves <c>%2F</c> encoded (so a segment cannot turn into two),
    /// but customer ids may contain '/', so the id is read from the raw request target instead, counting the route's fixed
    /// segments after it (such as "export") from the end.
    /// </summary>
    private static string RawRouteValue(HttpContext context, string routed)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern }) return routed;
        var position = pattern.PathSegments.ToList().FindIndex(s => s.Parts.Any(p => p is Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { Name: Parameter }));
        var trailingSegments = position < 0 ? 0 : pattern.PathSegments.Count - 1 - position;
        var segments = raw.Split('?', 2)[0].Split('/');
        var index = segments.Length - 1 - trailingSegments;
        return index < 0 ? routed : Uri.UnescapeDataString(segments[index]);
    }
}
