namespace Profiles.Host.Hosting;

/// <summary>Binds a settings section before the service provider exists, turning binder errors into messages that name the setting.</summary>
public static class SettingsReader
{
    public static T Read<T>(IConfiguration configuration, string section) where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new T();
        try
        {
            configuration.GetSection(section).Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{section} has an invalid value: {e.Message}", e);
        }
        return settings;
    }
}
