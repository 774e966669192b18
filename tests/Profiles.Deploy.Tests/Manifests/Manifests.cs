using YamlDotNet.RepresentationModel;

namespace Profiles.Deploy.Tests.Manifests;

/// <summary>The deployment manifests of the repository, parsed, and the settings they give the host.</summary>
internal static class Manifests
{
    public static string ComposeFile => Path.Combine(Repository.DockerDirectory, "compose.yaml");

    public static YamlMappingNode Compose() => Yaml.Load(ComposeFile).Single();

    /// <summary>Every document of every YAML file in deploy/k8s, with its file name.</summary>
    public static IReadOnlyList<(string File, YamlMappingNode Document)> Kubernetes() =>
        Directory.EnumerateFiles(Repository.KubernetesDirectory, "*.yaml")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => Yaml.Load(file).Select(document => (Path.GetFileName(file), document)))
            .ToList();

    public static IEnumerable<(string File, YamlMappingNode Document)> OfKind(this IEnumerable<(string File, YamlMappingNode Document)> documents, string kind) =>
        documents.Where(d => d.Document.Text("kind") == kind);

    /// <summary>The environment of every compose service that runs the Profiles image.</summary>
    public static IEnumerable<ManifestSetting> ComposeSettings()
    {
        foreach (var (service, definition) in Compose().Entries("services"))
        {
            if (definition.Text("image")?.StartsWith("profiles", StringComparison.Ordinal) != true) continue;
            var environment = definition.Get("environment");
            if (environment is YamlSequenceNode list)
            {
                foreach (var item in list.Children.Select(i => ((YamlScalarNode)i).Value!))
                {
                    var split = item.IndexOf('=', StringComparison.Ordinal);
                    yield return split < 0
                        ? new ManifestSetting($"compose {service}", item, null)
                        : new ManifestSetting($"compose {service}", item[..split], item[(split + 1)..]);
                }
            }
            else
            {
                foreach (var (name, value) in environment.Entries())
                {
                    yield return new ManifestSetting($"compose {service}", name, (value as YamlScalarNode)?.Value);
                }
            }
        }
    }

    /// <summary>The env entries of every container of every workload, and the data of every ConfigMap.</summary>
    public static IEnumerable<ManifestSetting> KubernetesSettings()
    {
        var documents = Kubernetes();
        foreach (var (file, workload) in documents.Where(d => d.Document.Text("kind") is "Deployment" or "StatefulSet"))
        {
            foreach (var container in workload.Items("spec", "template", "spec", "containers"))
            {
                foreach (var env in container.Items("env"))
                {
                    yield return new ManifestSetting($"{file} env", env.Text("name")!, env.Text("value"));
                }
            }
        }

        foreach (var (file, configMap) in documents.OfKind("ConfigMap"))
        {
            foreach (var (name, value) in configMap.Entries("data"))
            {
                yield return new ManifestSetting($"{file} data", name, ((YamlScalarNode)value).Value);
            }
        }
    }
}
