using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Orleans.Hosting.Kubernetes;
using Profiles.Host.Hosting;

namespace Profiles.Deploy.Tests.Manifests;

/// <summary>
/// Decides whether a setting a manifest sets is one the host reads: <c>Profiles:…</c> keys are resolved property by
/// property through the settings classes of <see cref="BoundSettings"/>; framework keys (logging, ASP.NET Core) through
/// their options classes; plain environment variables against the ones the runtime, ASP.NET Core and Orleans'
/// Kubernetes hosting read.
/// </summary>
internal static class HostSettings
{
    private static readonly IReadOnlyList<(string Section, Type Settings)> FrameworkSections =
    [
        ("Logging:Console", typeof(ConsoleLoggerOptions)),
        ("Logging:Console:FormatterOptions", typeof(JsonConsoleFormatterOptions)),
    ];

    private static readonly HashSet<string> EnvironmentVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "DOTNET_gcServer",
    };

    /// <summary>The environment variables Orleans' Kubernetes hosting reads (POD_NAME, ORLEANS_CLUSTER_ID, …).</summary>
    public static IReadOnlySet<string> KubernetesVariables { get; } = typeof(KubernetesHostingOptions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name.EndsWith("EnvironmentVariable", StringComparison.Ordinal))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Why the host would not use <paramref name="name"/> (an environment variable or a <c>:</c> key) with
    /// <paramref name="value"/> (null when it comes from a secret or the downward API), or null when it would.
    /// </summary>
    public static string? Problem(string name, string? value)
    {
        if (EnvironmentVariables.Contains(name) || KubernetesVariables.Contains(name)) return null;
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        if (!key.Contains(':', StringComparison.Ordinal))
            return $"'{name}' is neither a configuration key nor an environment variable the host reads";

        if (key.StartsWith("Logging:LogLevel:", StringComparison.OrdinalIgnoreCase))
            return value is null || Enum.TryParse<LogLevel>(value, ignoreCase: true, out _) ? null : $"'{value}' is not a log level";

        var sections = key.StartsWith("Profiles:", StringComparison.OrdinalIgnoreCase) ? BoundSettings.Sections : FrameworkSections;
        foreach (var (section, settings) in sections)
        {
            if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)) continue;
            var path = key[(section.Length + 1)..].Split(':');
            if (Resolve(settings, path) is not { } leaf) continue;
            return value is null || IsLiteralFor(leaf, value) ? null : $"'{value}' is not a valid {leaf.Name} for '{key}'";
        }
        return $"no settings class the host binds has '{key}'";
    }

    // Environment-variable references (compose's ${VAR}) are filled in at deploy time; only literals can be checked.
    private static bool IsLiteralFor(Type leaf, string value) =>
        value.Contains("${", StringComparison.Ordinal) || TypeDescriptor.GetConverter(leaf).IsValid(value);

    /// <summary>The type a configuration path ends on, or null when the path names no bindable setting.</summary>
    private static Type? Resolve(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.IsEmpty) return IsLeaf(type) ? type : null;
        if (IsLeaf(type)) return null;

        if (DictionaryValueType(type) is { } valueType) return Resolve(valueType, path[1..]);
        if (ElementType(type) is { } elementType)
            return int.TryParse(path[0], out var index) && index >= 0 ? Resolve(elementType, path[1..]) : null;

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.GetIndexParameters().Length > 0) return null;
        var settable = property.SetMethod is { IsPublic: true } || !IsLeaf(property.PropertyType);
        return settable ? Resolve(property.PropertyType, path[1..]) : null;
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) ||
        type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri) ||
        (Nullable.GetUnderlyingType(type) is { } inner && IsLeaf(inner));

    private static Type? DictionaryValueType(Type type) =>
        Interfaces(type).FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : Interfaces(type).FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<Type> Interfaces(Type type) =>
        (type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces()).Where(i => i.IsGenericType);
}
