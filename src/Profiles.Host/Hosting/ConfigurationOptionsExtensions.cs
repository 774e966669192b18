using Microsoft.Extensions.Options;

namespace Profiles.Host.Hosting;

/// <summary>Settings the host must know before its service provider exists (which storage provider, which clustering).</summary>
public static class ConfigurationOptionsExtensions
{
    /// <summary>
    /// Binds <paramref name="section"/> now and checks it with <paramref name="validator"/>, the same validator the
    /// options are registered with for the start-up check; throws naming the bad key.
    /// </summary>
    public static TOptions GetValidated<TOptions>(this IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validator);
        var options = new TOptions();
        configuration.GetSection(section).Bind(options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        return options;
    }
}
