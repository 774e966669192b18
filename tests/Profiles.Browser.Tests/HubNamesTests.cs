using System.Reflection;
using System.Text.RegularExpressions;
using Profiles.Host.Realtime;

namespace Profiles.Browser.Tests;

public sealed partial class HubNamesTests
{
    [Fact]
    public void TheBrowsersHubNamesModuleNamesExactlyTheHubsMethodsAndMessages()
    {
        var module = File.ReadAllText(RepoFile("src/Profiles.Host/wwwroot/js/hub-names.js"));
        var hubMethods = typeof(ProfilesHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(ProfilesHub.OnDisconnectedAsync)).Select(m => m.Name).Order();
        var messages = typeof(IProfilesClient).GetMethods().Select(m => m.Name).Order();

        Assert.Equal(hubMethods, Names(Block(module, "HubMethods")).Order());
        Assert.Equal(messages, Names(Block(module, "ClientMessages")).Order());
        Assert.Contains($"HubPath = '{ProfilesHub.Path}'", module, StringComparison.Ordinal);
    }

    private static string Block(string module, string name)
    {
        var match = Regex.Match(module, $@"export const {name} = Object\.freeze\(\{{(?<body>[^}}]*)\}}\)");
        Assert.True(match.Success, $"hub-names.js has no frozen {name} object");
        return match.Groups["body"].Value;
    }

    private static IEnumerable<string> Names(string block) =>
        NamePattern().Matches(block).Select(m =>
        {
            Assert.Equal(m.Groups["key"].Value, m.Groups["value"].Value);
            return m.Groups["value"].Value;
        });

    private static string RepoFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Profiles.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, relative);
    }

    [GeneratedRegex(@"(?<key>\w+):\s*'(?<value>\w+)'")]
    private static partial Regex NamePattern();
}
