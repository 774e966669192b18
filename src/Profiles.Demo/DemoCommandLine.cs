namespace Profiles.Demo;

/// <summary>The demo's command line: each option is a setting of <see cref="DemoOptions"/>; anything else is refused with the usage.</summary>
public static class DemoCommandLine
{
    public const string Usage = """
        dotnet run --project src/Profiles.Demo [-- options]

        Without --url, starts the Profiles service from this repository with keys generated for the run, prints its
        addresses and keys, fills it with customers of every class and keeps a live stream of their events flowing;
        Ctrl+C stops both. With --url and --write-key, drives a service that is already running.

          --url URL                  a running Profiles service, e.g. http://localhost:5080
          --write-key KEY            a write key of that service (HTTP Basic, as Segment SDKs send it)
          --port N                   HTTP port of the service the demo starts (default 5080)
          --seed-customers N         customers created with a history at start (default 300)
          --events-per-second N      live events per second after the seed (default 25)
          --max-customers N          new prospects stop at this many customers (default 2000)
          --random-seed N            a fixed seed makes the stream repeatable (default: none)
        """;

    /// <summary>Command-line option → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--url"] = $"{DemoOptions.Section}:{nameof(DemoOptions.Url)}",
        ["--write-key"] = $"{DemoOptions.Section}:{nameof(DemoOptions.WriteKey)}",
        ["--port"] = $"{DemoOptions.Section}:{nameof(DemoOptions.Port)}",
        ["--seed-customers"] = $"{DemoOptions.Section}:{nameof(DemoOptions.SeedCustomers)}",
        ["--events-per-second"] = $"{DemoOptions.Section}:{nameof(DemoOptions.EventsPerSecond)}",
        ["--max-customers"] = $"{DemoOptions.Section}:{nameof(DemoOptions.MaxCustomers)}",
        ["--random-seed"] = $"{DemoOptions.Section}:{nameof(DemoOptions.RandomSeed)}",
    };

    /// <summary>What is wrong with <paramref name="args"/> (an unknown option, a missing value, a request for help), or null.</summary>
    public static string? FindProblem(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (name is "--help" or "-h" or "-?") return "";
            if (!Switches.ContainsKey(name)) return $"Unknown option '{args[i]}'.";
            // "--name value" or "--name=value"
            if (!args[i].Contains('=', StringComparison.Ordinal) && ++i >= args.Count) return $"{name} needs a value.";
        }
        return null;
    }
}
