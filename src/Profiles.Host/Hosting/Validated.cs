namespace Profiles.Host.Hosting;

/// <summary>Adapts a settings class's own <c>Validate()</c>, which throws naming the setting, to options validation.</summary>
public static class Validated<T>
{
    public static Func<T, bool> By(Action<T> validate) => options =>
    {
        try
        {
            validate(options);
            return true;
        }
        catch (ArgumentException e)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(typeof(T).Name, typeof(T), [e.Message]);
        }
    };
}
