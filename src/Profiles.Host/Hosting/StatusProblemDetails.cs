using Microsoft.AspNetCore.Http.Features;

namespace Profiles.Host.Hosting;

/// <summary>
/// Gives every problem answer a <c>detail</c>: the framework's own answers (no route, a method the route does not take,
/// a body type it does not read) come with a title only, which tells a client what happened but not what to change.
/// </summary>
public static class StatusProblemDetails
{
    private const int MaxPathInDetail = 200;

    /// <summary>Fills <c>detail</c> when nothing set it, from the status and the request.</summary>
    public static void FillDetail(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (!string.IsNullOrEmpty(problem.Detail)) return;
        var request = context.HttpContext.Request;
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        if (path.Length > MaxPathInDetail) path = path[..MaxPathInDetail] + "…";
        var allow = context.HttpContext.Response.Headers.Allow.ToString();
        problem.Detail = (problem.Status ?? context.HttpContext.Response.StatusCode) switch
        {
            StatusCodes.Status404NotFound => $"Nothing is found at '{path}'.",
            StatusCodes.Status405MethodNotAllowed => string.IsNullOrEmpty(allow)
                ? $"{request.Method} is not allowed on '{path}'."
                : $"{request.Method} is not allowed on '{path}'; use {allow}.",
            StatusCodes.Status415UnsupportedMediaType => $"The Content-Type '{request.ContentType}' is not accepted on '{path}'.",
            StatusCodes.Status500InternalServerError => "The request failed on the server; nothing of it may be considered done.",
            var status => $"{request.Method} '{path}' was answered {status} ({problem.Title ?? ReasonOf(context.HttpContext)}).",
        };
    }

    private static string ReasonOf(HttpContext context) =>
        context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(context.Response.StatusCode);
}
