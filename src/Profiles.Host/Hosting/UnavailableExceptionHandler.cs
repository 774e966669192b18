using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Storage;
using Profiles.Abstractions.Grains;
using Profiles.Host.Apis;

namespace Profiles.Host.Hosting;

/// <summary>
/// Turns an exception that means "storage or the cluster cannot answer right now" — on any endpoint — into a 503 problem
/// with <c>Retry-After</c> instead of a 500: a failed write or read of grain state (an activation that could not load),
/// an Azure Table error or timeout, a grain call that timed out or was rejected, a silo that became unavailable. A
/// customer whose profile could not be stored says which one in its <see cref="ProfileUnavailableException"/>: that
/// message is the answer's detail (it is written for clients; storage's own words never are).
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, ILogger<UnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // A request its client abandoned needs no answer; any other cancellation is a storage call that timed out.
        if (httpContext.RequestAborted.IsCancellationRequested || !IsUnavailable(exception)) return false;
        LogUnavailable(exception, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        Problems.SetRetryAfter(httpContext.Response, Problems.RetryAfterSeconds);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = Problems.UnavailableTitle,
                Detail = Find<ProfileUnavailableException>(exception)?.Message ??
                    "Storage or the cluster could not answer in time; nothing of this request may be considered done. Retry it after the Retry-After delay.",
            },
        });
    }

    /// <summary>Whether the exception, or one it wraps, is a transient failure of storage or of the cluster.</summary>
    public static bool IsUnavailable(Exception? exception) => Find<Exception>(exception, e =>
        e is ProfileUnavailableException or RequestFailedException or InconsistentStateException or TimeoutException
            or SiloUnavailableException or OrleansMessageRejectionException or System.Net.Http.HttpRequestException
            or OperationCanceledException) is not null;

    /// <summary>The exception, or the first one it wraps, of type <typeparamref name="T"/> that <paramref name="match"/> accepts.</summary>
    private static T? Find<T>(Exception? exception, Func<T, bool>? match = null) where T : Exception
    {
        for (var depth = 0; exception is not null && depth < 8; depth++)
        {
            if (exception is T found && (match is null || match(found))) return found;
            exception = exception is AggregateException { InnerExceptions: [var only] } ? only : exception.InnerException;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage or the cluster is unavailable for {Path}; answered 503")]
    private partial void LogUnavailable(Exception exception, string path);
}
