namespace Profiles.Import;

/// <summary>The <c>profiles-import</c> command: parses the command line, runs one import and exits with its code.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ImportSettings settings;
        try
        {
            settings = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync();
            await Console.Error.WriteLineAsync(CommandLine.Usage);
            return ExitCodes.Usage;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops after the batch in flight is answered or abandoned; the state file stays valid.
            e.Cancel = true;
            cancel.Cancel();
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var importer = new Importer(settings, http, Console.Error, interactive: !Console.IsErrorRedirected);
        var result = await importer.RunAsync(cancel.Token);
        await Console.Error.WriteLineAsync(result.Message);
        return result.ExitCode;
    }
}
