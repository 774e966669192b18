using System.Reflection;

namespace Profiles.Deploy.Tests.Manifests;

/// <summary>Paths in the repository this test project was built from.</summary>
internal static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string DockerDirectory => Path.Combine(Root, "deploy", "docker");

    public static string KubernetesDirectory => Path.Combine(Root, "deploy", "k8s");
}
