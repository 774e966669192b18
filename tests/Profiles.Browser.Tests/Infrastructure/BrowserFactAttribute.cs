namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>
/// A test that needs a real browser: skipped only where Chromium is not installed. CI sets <c>PROFILES_REQUIRE_BROWSER=1</c>
/// (after installing it), so there a missing browser fails the tests instead of skipping them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && Environment.GetEnvironmentVariable("PROFILES_REQUIRE_BROWSER") != "1") Skip = $"No browser: {Chromium.ExecutablePath} is not installed (apt-get install chromium).";
    }
}
