namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>A host in demo mode (a repeatable generated stream), for the README's screenshots of a living dashboard.</summary>
public sealed class DemoFixture : PagesFixture
{
    public DemoFixture()
        : base(new Dictionary<string, string?>
        {
            ["Profiles:Demo:Enabled"] = "true",
            ["Profiles:Demo:SeedCustomers"] = "400",
            ["Profiles:Demo:EventsPerSecond"] = "40",
            ["Profiles:Demo:RandomSeed"] = "7",
        })
    {
    }
}
