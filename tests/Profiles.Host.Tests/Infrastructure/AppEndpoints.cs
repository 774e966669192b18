using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>Every route and HTTP method the running app maps, read from its <see cref="EndpointDataSource"/>.</summary>
public static class AppEndpoints
{
    /// <summary>One row per (method, route pattern); a route without method metadata is listed under <c>*</c>.</summary>
    public static IReadOnlyList<(string Method, string Route)> Of(ProfilesApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.BaseAddress;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        return
        [
            .. endpoints.OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["*"])
                    .Select(method => (Method: method, Route: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
                .Distinct()
                .OrderBy(r => r.Route, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal),
        ];
    }
}
