namespace Profiles.Host.Hosting;

/// <summary>Every error answer is a problem-details body; unhandled exceptions never show a stack trace.</summary>
public static class ErrorHandlingExtensions
{
    public static WebApplicationBuilder AddProfilesErrorHandling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication UseProfilesErrorHandling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
