namespace Profiles.Host.Demo;

/// <summary>Settings under <c>Profiles:Demo</c>: a generated event stream so a new user sees a living dashboard at once.</summary>
public sealed class DemoOptions
{
    public const string Section = "Profiles:Demo";

    /// <summary>Whether the demo stream runs (<c>Profiles:Demo:Enabled=true</c>, or <c>--demo</c> on the command line). Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Customers created with a history at start, spread over every persona (prospects to churned champions).</summary>
    public int SeedCustomers { get; set; } = 300;

    /// <summary>Live events per second after the seed.</summary>
    public double EventsPerSecond { get; set; } = 25;

    /// <summary>The stream stops adding new prospects at this many customers.</summary>
    public int MaxCustomers { get; set; } = 2000;

    /// <summary>Seed of the random generator, for a repeatable stream; none picks one.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>Throws naming the bad setting.</summary>
    public void Validate()
    {
        if (SeedCustomers < 0) throw new ArgumentException($"{Section}:SeedCustomers must be zero or more, not {SeedCustomers}.");
        if (EventsPerSecond is <= 0 or > 10_000)
            throw new ArgumentException($"{Section}:EventsPerSecond must be above 0 and at most 10000, not {EventsPerSecond}.");
        if (MaxCustomers < SeedCustomers)
            throw new ArgumentException($"{Section}:MaxCustomers ({MaxCustomers}) must be at least SeedCustomers ({SeedCustomers}).");
    }
}
