using System.Reflection;

namespace Profiles.Cluster.Tests.Infrastructure;

/// <summary>The built <c>Profiles.Host.dll</c> that the tests start as processes (<c>dotnet &lt;dll&gt;</c>).</summary>
internal static class HostExecutable
{
    private const string Variable = "PROFILES_HOST_DLL";

    /// <summary>Full path of the host's dll: <c>PROFILES_HOST_DLL</c>, or the build output this test project was built with.</summary>
    public static string DllPath { get; } = Locate();

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : typeof(HostExecutable).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "ProfilesHostDll").Value!;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The host under test is not built at {path}. Building tests/Profiles.Cluster.Tests builds it; or set {Variable}.", path);
        }

        return path;
    }
}
