using Profiles.Domain.Ingest;
using Profiles.Grains.Hosting;

namespace Profiles.Host.Hosting;

/// <summary>Refuses ingest limits and currencies (<c>Profiles:Ingest</c>) the reading of events cannot work with, naming each bad key.</summary>
public sealed class IngestOptionsValidator : OptionsValidator<IngestOptions>
{
    /// <inheritdoc />
    protected override void Check(IngestOptions options, List<string> failures)
    {
        const string S = IngestHostingExtensions.Section;
        if (options.MaxRequestBytes < 1024) failures.Add($"{S}:MaxRequestBytes must be at least 1024.");
        if (options.MaxEventBytes < 256 || options.MaxEventBytes > options.MaxRequestBytes)
            failures.Add($"{S}:MaxEventBytes must be between 256 and {S}:MaxRequestBytes.");
        if (options.MaxBatchEvents < 1) failures.Add($"{S}:MaxBatchEvents must be at least 1.");
        if (options.MaxIdLength is < 16 or > 512) failures.Add($"{S}:MaxIdLength must be between 16 and 512.");
        if (options.MaxPastDays < 1) failures.Add($"{S}:MaxPastDays must be at least 1.");
        if (options.MaxFutureMinutes < 0) failures.Add($"{S}:MaxFutureMinutes must not be negative.");
        if (!options.Currencies.TryGetValue(options.BaseCurrency, out var baseRate) || baseRate != 1m)
            failures.Add($"{S}:Currencies must list the base currency {options.BaseCurrency} at rate 1.");
        foreach (var (code, rate) in options.Currencies)
        {
            if (code.Length != 3 || rate <= 0) failures.Add($"{S}:Currencies:{code} must be a three-letter code with a positive rate.");
        }
    }
}
