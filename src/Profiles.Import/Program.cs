using Profiles.Import;

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
    e.Cancel = true;
    cancel.Cancel();
};
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
var importer = new Importer(settings, http, Console.Error, interactive: !Console.IsErrorRedirected);
var result = await importer.RunAsync(cancel.Token);
await Console.Error.WriteLineAsync(result.Message);
return result.ExitCode;
