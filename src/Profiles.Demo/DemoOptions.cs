namespace Profiles.Demo;

/// <summary>
/// What the demo sends and where (<c>Demo</c> section, filled from the command line by <see cref="DemoCommandLine"/>):
/// customers seeded with a history in every class, then a live stream of their events.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>A running Profiles service to drive (<c>--url</c>); none starts one from this repository.</summary>
    public string? Url { get; set; }

    /// <summary>A write key of the service at <see cref="Url"/> (<c>--write-key</c>), sent in HTTP Basic as Segment SDKs do.</summary>
    public string? WriteKey { get; set; }

    /// <summary>The HTTP port of the service the demo starts itself (<c>--port</c>, default 5080, as <c>dotnet run</c> of the host).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Customers created with a history at start, spread over every persona (<c>--seed-customers</c>, default 300).</summary>
    public int SeedCustomers { get; set; } = 300;

    /// <summary>Live events per second after the seed (<c>--events-per-second</c>, default 25).</summary>
    public double EventsPerSecond { get; set; } = 25;

    /// <summary>The stream stops adding new prospects at this many customers (<c>--max-customers</c>, default 2,000).</summary>
    public int MaxCustomers { get; set; } = 2000;

    /// <summary>Seed of the random generator, for a repeatable stream (<c>--random-seed</c>); none picks one.</summary>
    public int? RandomSeed { get; set; }
}
