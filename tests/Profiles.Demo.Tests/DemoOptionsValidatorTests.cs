using Microsoft.Extensions.Options;

namespace Profiles.Demo.Tests;

/// <summary>The demo refuses to start with settings it cannot run with, naming the option as the command line spells it.</summary>
public sealed class DemoOptionsValidatorTests
{
    [Theory]
    [InlineData("--events-per-second", null, null, 0.0, 300, 2000)]
    [InlineData("--max-customers", null, null, 25.0, 300, 100)]
    [InlineData("--seed-customers", null, null, 25.0, -1, 2000)]
    [InlineData("--url", "ftp://example.com", "wk", 25.0, 300, 2000)]
    [InlineData("--write-key", "http://localhost:5080", null, 25.0, 300, 2000)]
    [InlineData("--write-key needs --url", null, "wk", 25.0, 300, 2000)]
    public void ABadSettingIsRefusedNamingItsOption(string named, string? url, string? writeKey, double rate, int seed, int max)
    {
        var options = new DemoOptions { Url = url, WriteKey = writeKey, EventsPerSecond = rate, SeedCustomers = seed, MaxCustomers = max };

        var result = new DemoOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAndARunningServiceWithItsWriteKeyAreAccepted()
    {
        Assert.Equal(ValidateOptionsResult.Success, new DemoOptionsValidator().Validate(null, new DemoOptions()));
        Assert.Equal(ValidateOptionsResult.Success, new DemoOptionsValidator().Validate(null, new DemoOptions { Url = "http://localhost:5080", WriteKey = "wk" }));
    }

    [Theory]
    [InlineData("--sed-customers", "5")]
    [InlineData("--url")]
    public void AnUnknownOptionOrOneWithoutItsValueIsNamed(params string[] args) =>
        Assert.Contains(args[0], DemoCommandLine.FindProblem(args), StringComparison.Ordinal);
}
