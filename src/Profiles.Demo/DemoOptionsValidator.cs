using Microsoft.Extensions.Options;

namespace Profiles.Demo;

/// <summary>Refuses to start with settings the demo cannot run with, naming the option as it is given on the command line.</summary>
public sealed class DemoOptionsValidator : IValidateOptions<DemoOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Url is { } url &&
            (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            failures.Add($"--url must be an absolute http(s) address, not '{url}'.");
        if (options.Url is not null && string.IsNullOrWhiteSpace(options.WriteKey))
            failures.Add("--url needs --write-key: a write key of that service.");
        if (options.Url is null && options.WriteKey is not null)
            failures.Add("--write-key needs --url: without --url the demo starts the service itself, with keys of its own.");
        if (options.Port is < 1 or > 65535) failures.Add($"--port must be a port number, not {options.Port}.");
        if (options.SeedCustomers < 0) failures.Add($"--seed-customers must be zero or more, not {options.SeedCustomers}.");
        if (options.EventsPerSecond is <= 0 or > 10_000 || double.IsNaN(options.EventsPerSecond))
            failures.Add($"--events-per-second must be above 0 and at most 10000, not {options.EventsPerSecond}.");
        if (options.MaxCustomers < options.SeedCustomers)
            failures.Add($"--max-customers ({options.MaxCustomers}) must be at least --seed-customers ({options.SeedCustomers}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
