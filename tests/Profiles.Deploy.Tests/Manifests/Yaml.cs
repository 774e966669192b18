using YamlDotNet.RepresentationModel;

namespace Profiles.Deploy.Tests.Manifests;

/// <summary>Reads YAML files into documents and walks them by key; anchors and aliases are resolved by the loader.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node)) return null;
        }
        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children.Select(c => (((YamlScalarNode)c.Key).Value!, c.Value))
            : [];
}
