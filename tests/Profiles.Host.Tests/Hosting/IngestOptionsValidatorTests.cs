using Profiles.Domain.Ingest;
using Profiles.Host.Hosting;

namespace Profiles.Host.Tests.Hosting;

public sealed class IngestOptionsValidatorTests
{
    public static TheoryData<string, Action<IngestOptions>> BadSettings() => new()
    {
        { "Profiles:Ingest:MaxRequestBytes", o => o.MaxRequestBytes = 10 },
        { "Profiles:Ingest:MaxEventBytes", o => o.MaxEventBytes = 100 },
        { "Profiles:Ingest:MaxEventBytes", o => o.MaxEventBytes = o.MaxRequestBytes + 1 },
        { "Profiles:Ingest:MaxBatchEvents", o => o.MaxBatchEvents = 0 },
        { "Profiles:Ingest:MaxIdLength", o => o.MaxIdLength = 8 },
        { "Profiles:Ingest:MaxPastDays", o => o.MaxPastDays = 0 },
        { "Profiles:Ingest:MaxFutureMinutes", o => o.MaxFutureMinutes = -1 },
        { "Profiles:Ingest:Currencies", o => o.BaseCurrency = "XYZ" },
        { "Profiles:Ingest:Currencies", o => o.Currencies["USD"] = 2m },
        { "Profiles:Ingest:Currencies:EURO", o => o.Currencies["EURO"] = 1.1m },
        { "Profiles:Ingest:Currencies:GBP", o => o.Currencies["GBP"] = 0m },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void ABadSettingIsRejectedByName(string setting, Action<IngestOptions> spoil)
    {
        var options = new IngestOptions();
        spoil(options);

        var result = new IngestOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid() => Assert.True(new IngestOptionsValidator().Validate(null, new IngestOptions()).Succeeded);
}
