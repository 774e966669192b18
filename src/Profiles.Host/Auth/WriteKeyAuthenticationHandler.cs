using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>Authenticates event senders by a write key in HTTP Basic: the key as user name, an empty password.</summary>
public sealed class WriteKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyStore keys)
    : ProblemAuthenticationHandler(options, logger, encoder)
{
    /// <summary>The claim every write key carries; its value is the key (quotas are per key).</summary>
    public const string WriterClaim = "profiles:writer";

    protected override string Expected => "a write key in HTTP Basic authentication (the key as user name, empty password)";

    protected override string Challenge => "Basic realm=\"profiles\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string userName;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            userName = colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return Task.FromResult(Fail("The Basic credentials are not valid base64."));
        }

        if (!keys.IsWriteKey(userName)) return Task.FromResult(Fail("The write key is not known."));
        var identity = new ClaimsIdentity([new Claim(WriterClaim, userName)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
