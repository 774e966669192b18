using Microsoft.Extensions.Options;

namespace Profiles.Grains.Hosting;

/// <summary>
/// The validator of one options class: lists every bad setting, each message naming its configuration key, so that a
/// bad configuration stops the start saying what to fix.
/// </summary>
public abstract class OptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds to <paramref name="failures"/> a message naming the key of each bad setting in <paramref name="options"/>.</summary>
    protected abstract void Check(TOptions options, List<string> failures);

    /// <summary>
    /// Adds a failure naming <paramref name="key"/> unless the interval <paramref name="value"/> is more than zero and, when
    /// <paramref name="maxMinutes"/> is given, at most that many minutes.
    /// </summary>
    protected static void RequirePositive(List<string> failures, string key, TimeSpan value, int? maxMinutes = null)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (value > TimeSpan.Zero && (maxMinutes is not { } max || value <= TimeSpan.FromMinutes(max))) return;
        failures.Add(maxMinutes is { } most
            ? $"{key} must be more than zero and at most {most} minute{(most == 1 ? "" : "s")}, not {value}."
            : $"{key} must be positive, not {value}.");
    }
}
