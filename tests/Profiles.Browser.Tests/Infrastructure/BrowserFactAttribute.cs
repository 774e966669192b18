namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>A test that needs a real browser: skipped only where Chromium is not installed (CI installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled) Skip = $"No browser: {Chromium.ExecutablePath} is not installed (apt-get install chromium).";
    }
}
