namespace Profiles.Host.Hosting;

/// <summary>
/// Every error answer is a problem-details body; unhandled exceptions never show a stack trace; storage and cluster
/// failures answer 503, and every 503 and 429 carries <c>Retry-After</c>.
/// </summary>
public static class ErrorHandlingExtensions
{
    public static WebApplicationBuilder AddProfilesErrorHandling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblemDetails.FillDetail);
        builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
        return builder;
    }

    public static WebApplication UseProfilesErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Every 503 and 429 tells clients when to retry, whichever endpoint or middleware (a readiness probe) produced it.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var response = context.Response;
                if (response.StatusCode is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests &&
                    !response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.RetryAfter))
                    Apis.Problems.SetRetryAfter(response, Apis.Problems.RetryAfterSeconds);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
