using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>Answers 401 and 403 with a problem-details body that says what credential is expected.</summary>
public abstract class ProblemAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>What the client should send, in words, for the 401 body.</summary>
    protected abstract string Expected { get; }

    /// <summary>The <c>WWW-Authenticate</c> challenge.</summary>
    protected abstract string Challenge { get; }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Challenge;
        var failure = Context.Features.Get<AuthFailureFeature>()?.Message;
        return WriteProblem(StatusCodes.Status401Unauthorized, "Unauthorized", failure is null ? $"Send {Expected}." : $"{failure} Send {Expected}.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblem(StatusCodes.Status403Forbidden, "Forbidden", "The key is valid but its role does not allow this.");
    }

    /// <summary>Remembers why authentication failed so the challenge can say it.</summary>
    protected AuthenticateResult Fail(string message)
    {
        Context.Features.Set(new AuthFailureFeature(message));
        return AuthenticateResult.Fail(message);
    }

    private Task WriteProblem(int status, string title, string detail)
    {
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private sealed record AuthFailureFeature(string Message);
}
