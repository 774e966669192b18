using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Profiles.Host.Auth;
using Profiles.Host.Hosting;

namespace Profiles.Host.Dashboard;

/// <summary>The two small endpoints the browser pages need beside the profile and statistics APIs.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/session", GetSession).RequireAuthorization(Policies.Realtime).WithTags("Pages");
        app.MapGet("/api/stats/throughput", GetThroughput).RequireAuthorization(Policies.ReadStatistics).WithTags("Statistics");
        app.MapPost("/api/session/orleans", OpenOrleansDashboard).RequireAuthorization(Policies.Operate).WithTags("Pages")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// Lets this browser open the Orleans dashboard (admin role): the key of the request goes into an HttpOnly,
    /// SameSite=Strict cookie that is sent only to the dashboard's paths and ends with the browser session.
    /// </summary>
    public static Results<NoContent, ProblemHttpResult> OpenOrleansDashboard(HttpContext context, IOptions<OperationsOptions> operations)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operations);
        if (!operations.Value.Dashboard) return Apis.Problems.NotFound("The Orleans dashboard is turned off (Profiles:Operations:Dashboard).");
        var key = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization.ToString()).Parameter!;
        context.Response.Cookies.Append(ApiKeyAuthenticationHandler.DashboardCookie, key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = ApiKeyAuthenticationHandler.DashboardPathPrefix,
        });
        return TypedResults.NoContent();
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
