namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>Where the tests save screenshots: the project's <c>screenshots</c> folder, which the README shows.</summary>
public static class Screenshots
{
    public static string PathOf(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Profiles.Browser.Tests.csproj"))) directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
