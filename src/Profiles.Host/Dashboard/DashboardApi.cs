using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Profiles.Host.Auth;

namespace Profiles.Host.Dashboard;

/// <summary>The two small endpoints the browser pages need beside the profile and statistics APIs.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", GetSession).RequireAuthorization(Policies.Realtime).WithTags("Pages");
        app.MapGet("/api/stats/throughput", GetThroughput).RequireAuthorization(Policies.ReadStatistics).WithTags("Statistics");
        return app;
    }

    /// <summary>The role of the API key the request carries (any role).</summary>
    public static Ok<SessionResponse> GetSession(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TypedResults.Ok(new SessionResponse(user.FindFirstValue(ClaimTypes.Role) ?? ""));
    }

    /// <summary>This silo's totals of accepted events and class changes, for rates on the dashboard (ops or admin).</summary>
    public static Ok<ThroughputResponse> GetThroughput(ThroughputMeter meter, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(time);
        return TypedResults.Ok(new ThroughputResponse(meter.Events, meter.ClassChanges, time.GetUtcNow()));
    }
}
