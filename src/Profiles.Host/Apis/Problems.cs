using Microsoft.AspNetCore.Http.HttpResults;

namespace Profiles.Host.Apis;

/// <summary>The problem-details answers the APIs share.</summary>
public static class Problems
{
    /// <summary>How long clients should wait before retrying when storage is unavailable.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The title of every 503 answer.</summary>
    public const string UnavailableTitle = "Storage is unavailable; retry later";

    /// <summary>Sets <c>Retry-After</c> in whole seconds.</summary>
    public static void SetRetryAfter(HttpResponse response, int seconds)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request cannot be read");

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem($"The body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>503 with <c>Retry-After</c>: nothing of the request may be considered kept; retry it as it was.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        SetRetryAfter(context.Response, RetryAfterSeconds);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: UnavailableTitle);
    }

    /// <summary>429 with <c>Retry-After</c>: the silo's ingest queue is full; nothing of the request was kept.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, int retryAfterSeconds) =>
        TooMany(context, retryAfterSeconds, "Too many requests",
            "The service is busy; nothing of this request was kept. Retry it after the Retry-After delay.");

    /// <summary>429 with <c>Retry-After</c>: the write key sent more events than its quota; nothing of the request was kept.</summary>
    public static ProblemHttpResult QuotaExceeded(HttpContext context, int retryAfterSeconds) =>
        TooMany(context, retryAfterSeconds, "Write key quota exceeded",
            "This write key has sent more events than its quota (Profiles:Ingest:Quota); nothing of this request was kept. Retry it after the Retry-After delay.");

    /// <summary>429 with <c>Retry-After</c>: the write key created more new customers than its quota; nothing was kept.</summary>
    public static ProblemHttpResult NewCustomerQuotaExceeded(HttpContext context, int retryAfterSeconds) =>
        TooMany(context, retryAfterSeconds, "Write key quota exceeded",
            "This write key has created more new customers than its quota (Profiles:Ingest:Quota:NewCustomersPerSecond); nothing of this request was kept. Retry it after the Retry-After delay.");

    private static ProblemHttpResult TooMany(HttpContext context, int retryAfterSeconds, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        SetRetryAfter(context.Response, retryAfterSeconds);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: title);
    }

    /// <summary>408, closing the connection: the body did not arrive within the body timeout; nothing was kept.</summary>
    public static ProblemHttpResult BodyTimeout(HttpContext context, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.Connection = "close";
        return TypedResults.Problem(
            $"The body did not arrive within {timeout.TotalSeconds:0.#} s (Profiles:Ingest:BodyTimeout); nothing of this request was kept. Send it again, faster or in smaller batches.",
            statusCode: StatusCodes.Status408RequestTimeout, title: "The request body was too slow");
    }

    /// <summary>401 with a Basic challenge: no valid write key in HTTP Basic or in the body.</summary>
    public static ProblemHttpResult Unauthorized(HttpContext context, string? failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"profiles\"";
        const string expected = "Send a write key in HTTP Basic authentication (the key as user name, empty password) or as \"writeKey\" in the body.";
        return TypedResults.Problem(failure is null ? expected : $"{failure} {expected}", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
    }
}
