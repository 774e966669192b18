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
}
