using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Profiles.Demo;

if (DemoCommandLine.FindProblem(args) is { } problem)
{
    // An empty problem is a request for help.
    if (problem.Length > 0) await Console.Error.WriteLineAsync(problem + Environment.NewLine);
    await Console.Error.WriteLineAsync(DemoCommandLine.Usage);
    return problem.Length > 0 ? 2 : 0;
}

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(DemoCommandLine.Switches));
builder.AddProfilesDemo();

try
{
    await builder.Build().RunAsync();
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
{
    // Bad options stop the start: say which, not where in the host it was noticed.
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine);
    await Console.Error.WriteLineAsync(DemoCommandLine.Usage);
    return 2;
}
return Environment.ExitCode;
