using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>
/// Authenticates readers by an API key as <c>Authorization: Bearer &lt;key&gt;</c>; on the hub also as
/// <c>access_token</c> in the query string, which is how browsers' SignalR clients send it over WebSockets; on the
/// Orleans dashboard also as the <see cref="DashboardCookie"/> the landing page sets, since a browser that opens a page
/// cannot send a bearer token.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyStore keys)
    : ProblemAuthenticationHandler(options, logger, encoder)
{
    /// <summary>Paths where the key may come in the query string.</summary>
    public const string HubPathPrefix = "/hubs";

    /// <summary>The cookie (HttpOnly, SameSite=Strict, sent only under <see cref="DashboardPathPrefix"/>) with an admin's key.</summary>
    public const string DashboardCookie = "profiles-orleans-key";

    /// <summary>Paths where the key may come in <see cref="DashboardCookie"/>: the Orleans dashboard's page and its JSON.</summary>
    public const string DashboardPathPrefix = Hosting.OperationsHostingExtensions.DashboardPath;

    protected override string Expected => "an API key as 'Authorization: Bearer <key>'";

    protected override string Challenge => "Bearer realm=\"profiles\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = null;
        if (AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) &&
            "Bearer".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            key = header.Parameter;
        }
        else if (Request.Path.StartsWithSegments(HubPathPrefix) && Request.Query.TryGetValue("access_token", out var token))
        {
            key = token.ToString();
        }
        else if (Request.Path.StartsWithSegments(DashboardPathPrefix) && Request.Cookies.TryGetValue(DashboardCookie, out var cookie))
        {
            key = cookie;
        }

        if (string.IsNullOrEmpty(key)) return Task.FromResult(AuthenticateResult.NoResult());
        if (keys.RoleOf(key) is not { } role) return Task.FromResult(Fail("The API key is not known."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
