using Microsoft.Extensions.Options;

namespace Profiles.Host.Auth;

/// <summary>Prints the keys generated for a Development run, so a newcomer can use them with curl at once.</summary>
public sealed partial class GeneratedKeysAnnouncer(IOptions<AuthOptions> options, ILogger<GeneratedKeysAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var auth = options.Value;
        if (!auth.Generated) return Task.CompletedTask;
        var lines = new List<string> { $"  write key : {auth.WriteKeys[0]}" };
        lines.AddRange(auth.ApiKeys.Select(k => $"  {k.Role,-9} : {k.Key}"));
        LogGeneratedKeys(Environment.NewLine + string.Join(Environment.NewLine, lines));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No keys are configured (Profiles:Auth), so these were generated for this Development run:{Keys}")]
    private partial void LogGeneratedKeys(string keys);
}
