using Profiles.Host.Hosting;
using YamlDotNet.RepresentationModel;

namespace Profiles.Deploy.Tests.Manifests;

public sealed class ManifestTests
{
    [Fact]
    public void TheComposeFileRunsAzuriteAndThreeSilosOnAzureTables()
    {
        var services = Manifests.Compose().Entries("services").ToDictionary(s => s.Key, s => s.Value);

        Assert.StartsWith("mcr.microsoft.com/azure-storage/azurite", services["azurite"].Text("image"), StringComparison.Ordinal);
        Assert.Contains("azurite-table", services["azurite"].Items("command").Select(c => ((YamlScalarNode)c).Value));
        var silos = services.Where(s => s.Value.Text("image") == "profiles:local").ToList();
        Assert.Equal(3, silos.Count);
        foreach (var (name, silo) in silos)
        {
            Assert.Equal("AzureTable", silo.Text("environment", "Profiles__Storage__Provider"));
            Assert.Equal("AzureTable", silo.Text("environment", "Profiles__Clustering__Provider"));
            Assert.Contains("azurite", silo.Items("depends_on").Select(d => ((YamlScalarNode)d).Value));
            Assert.True(silo.Get("ports") is YamlSequenceNode { Children.Count: 1 }, $"{name} publishes its HTTP port");
        }
    }

    [Fact]
    public void EverySettingTheComposeFileSetsIsOneTheHostBinds()
    {
        var settings = Manifests.ComposeSettings().ToList();

        Assert.Contains(settings, s => s.Name == "Profiles__Auth__WriteKeys__0");
        AssertAllBound(settings);
    }

    [Fact]
    public void EverySettingTheKubernetesManifestsSetIsOneTheHostBinds()
    {
        var settings = Manifests.KubernetesSettings().ToList();

        Assert.Contains(settings, s => s.Name == "Profiles__Clustering__Kubernetes" && s.Value == "true");
        AssertAllBound(settings);
    }

    [Theory]
    [InlineData("Profiles__Storage__Provdier", "AzureTable")]
    [InlineData("Profile__Storage__Provider", "AzureTable")]
    [InlineData("Profiles__Clustering__Membership__ProbeTimeOutt", "00:00:01")]
    [InlineData("Profiles__Auth__ApiKeys__first__Key", "k")]
    [InlineData("Profiles__Auth", "k")]
    [InlineData("Profiles__Storage__Provider", "Blob")]
    [InlineData("Profiles__Operations__ShutdownTimeout", "soon")]
    [InlineData("Logging__Console__FormatterNam", "json")]
    [InlineData("POD_NAMES", null)]
    public void AMisspelledOrMistypedSettingIsCaught(string name, string? value) =>
        Assert.NotNull(HostSettings.Problem(name, value));

    [Theory]
    [InlineData("Profiles__Storage__Provider", "AzureTable")]
    [InlineData("Profiles__Clustering__Membership__ProbeTimeout", "00:00:01")]
    [InlineData("Profiles__Auth__ApiKeys__3__Role", "ops")]
    [InlineData("Profiles__Ingest__Currencies__EUR", "1.08")]
    [InlineData("Profiles__Rfm__WindowDays", "365")]
    [InlineData("Profiles__Realtime__FlushInterval", "00:00:00.010")]
    [InlineData("Profiles__Operations__Dashboard", "false")]
    [InlineData("Logging__LogLevel__Orleans", "Warning")]
    [InlineData("POD_IP", null)]
    public void SettingsTheHostBindsPass(string name, string? value) =>
        Assert.Null(HostSettings.Problem(name, value));

    [Fact]
    public void TheKubernetesManifestsHaveEverythingOrleansKubernetesHostingNeeds()
    {
        var kinds = Manifests.Kubernetes().Select(d => d.Document.Text("kind")).ToHashSet();

        foreach (var kind in new[] { "Deployment", "Service", "ServiceAccount", "Role", "RoleBinding", "PodDisruptionBudget", "ConfigMap", "Secret" })
            Assert.Contains(kind, kinds);
    }

    [Fact]
    public void PodsCarryTheOrleansLabelsAndTheirNameAddressAndNamespace()
    {
        var (_, deployment) = Manifests.Kubernetes().OfKind("Deployment").Single();
        var labels = deployment.Entries("spec", "template", "metadata", "labels").ToDictionary(l => l.Key, l => ((YamlScalarNode)l.Value).Value);
        var env = deployment.Items("spec", "template", "spec", "containers").Single().Items("env")
            .ToDictionary(e => e.Text("name")!, e => e.Text("valueFrom", "fieldRef", "fieldPath"));

        Assert.False(string.IsNullOrEmpty(labels["orleans/serviceId"]));
        Assert.False(string.IsNullOrEmpty(labels["orleans/clusterId"]));
        Assert.Equal("metadata.name", env["POD_NAME"]);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", env["POD_IP"]);
        Assert.Equal("metadata.labels['orleans/serviceId']", env["ORLEANS_SERVICE_ID"]);
        Assert.Equal("metadata.labels['orleans/clusterId']", env["ORLEANS_CLUSTER_ID"]);
        Assert.Subset(HostSettings.KubernetesVariables.ToHashSet(), env.Keys.Where(k => !k.StartsWith("Profiles__", StringComparison.Ordinal)).ToHashSet());
    }

    [Fact]
    public void ProbesAskTheHostsHealthEndpoints()
    {
        var container = Manifests.Kubernetes().OfKind("Deployment").Single().Document.Items("spec", "template", "spec", "containers").Single();

        Assert.Equal(OperationsHostingExtensions.LivePath, container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal(OperationsHostingExtensions.ReadyPath, container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("http", container.Text("readinessProbe", "httpGet", "port"));
        Assert.Contains(container.Items("ports"), p => p.Text("name") == "http" && p.Text("containerPort") == "8080");
    }

    [Fact]
    public void TheSilosServiceAccountMayWatchPodsInItsNamespace()
    {
        var documents = Manifests.Kubernetes();
        var account = documents.OfKind("Deployment").Single().Document.Text("spec", "template", "spec", "serviceAccountName");
        var binding = documents.OfKind("RoleBinding").Single().Document;
        var role = documents.OfKind("Role").Single(r => r.Document.Text("metadata", "name") == binding.Text("roleRef", "name")).Document;

        Assert.Contains(binding.Items("subjects"), s => s.Text("kind") == "ServiceAccount" && s.Text("name") == account);
        Assert.Contains(documents.OfKind("ServiceAccount"), a => a.Document.Text("metadata", "name") == account);
        var rule = Assert.Single(role.Items("rules"));
        Assert.Equal(["pods"], rule.Items("resources").Select(r => ((YamlScalarNode)r).Value));
        Assert.Subset(rule.Items("verbs").Select(v => ((YamlScalarNode)v).Value!).ToHashSet(), new HashSet<string> { "get", "list", "watch" });
    }

    [Fact]
    public void TheServiceAndTheDisruptionBudgetSelectTheSiloPods()
    {
        var documents = Manifests.Kubernetes();
        var labels = documents.OfKind("Deployment").Single().Document.Entries("spec", "template", "metadata", "labels")
            .Select(l => (l.Key, ((YamlScalarNode)l.Value).Value)).ToHashSet();

        var serviceSelector = documents.OfKind("Service").Single().Document.Entries("spec", "selector").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value));
        var budget = documents.OfKind("PodDisruptionBudget").Single().Document;
        var budgetSelector = budget.Entries("spec", "selector", "matchLabels").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value));

        Assert.Subset(labels, serviceSelector.ToHashSet());
        Assert.Subset(labels, budgetSelector.ToHashSet());
        Assert.Equal("1", budget.Text("spec", "maxUnavailable"));
    }

    [Fact]
    public void OnlyTheSilosThemselvesMayReachTheOrleansPortsAndTheKustomizationAppliesThePolicy()
    {
        var documents = Manifests.Kubernetes();
        var pod = documents.OfKind("Deployment").Single().Document;
        var labels = pod.Entries("spec", "template", "metadata", "labels").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value)).ToHashSet();
        var ports = pod.Items("spec", "template", "spec", "containers").Single().Items("ports")
            .ToDictionary(p => p.Text("name")!, p => p.Text("containerPort")!);
        var policy = documents.OfKind("NetworkPolicy").Single();

        Assert.Subset(labels, policy.Document.Entries("spec", "podSelector", "matchLabels").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value)).ToHashSet());
        Assert.Contains("Ingress", policy.Document.Items("spec", "policyTypes").Select(t => ((YamlScalarNode)t).Value));
        var rules = policy.Document.Items("spec", "ingress").ToList();
        foreach (var orleansPort in new[] { "silo", "gateway" })
        {
            Assert.True(ports.ContainsKey(orleansPort), $"the container names no port '{orleansPort}'");
            // Every rule that opens an Orleans port admits only pods with the silos' labels.
            var opening = rules.Where(r => r.Items("ports").Any(p => p.Text("port") == orleansPort)).ToList();
            Assert.NotEmpty(opening);
            Assert.All(opening, rule =>
            {
                var from = rule.Items("from").ToList();
                Assert.NotEmpty(from);
                Assert.All(from, peer => Assert.Subset(labels,
                    peer.Entries("podSelector", "matchLabels").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value)).ToHashSet()));
                Assert.All(from, peer => Assert.Superset(labels.Where(l => l.Key == "orleans/serviceId").ToHashSet(),
                    peer.Entries("podSelector", "matchLabels").Select(l => (l.Key, ((YamlScalarNode)l.Value).Value)).ToHashSet()));
            });
        }
        var kustomization = Yaml.Load(Path.Combine(Repository.KubernetesDirectory, "kustomization.yaml")).Single();
        Assert.Contains(policy.File, kustomization.Items("resources").Select(r => ((YamlScalarNode)r).Value));
    }

    [Fact]
    public void TheGracePeriodLeavesRoomForTheHostsOwnShutdown()
    {
        var documents = Manifests.Kubernetes();
        var pod = documents.OfKind("Deployment").Single().Document.Get("spec", "template", "spec");
        var grace = TimeSpan.FromSeconds(int.Parse(pod.Text("terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture));
        var preStop = TimeSpan.FromSeconds(int.Parse(pod.Items("containers").Single().Text("lifecycle", "preStop", "sleep", "seconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        var shutdown = TimeSpan.Parse(documents.OfKind("ConfigMap").Single().Document.Text("data", "Profiles__Operations__ShutdownTimeout")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(grace > preStop + shutdown, $"terminationGracePeriodSeconds {grace} must exceed preStop {preStop} + ShutdownTimeout {shutdown}");
    }

    [Fact]
    public void SecretsComeFromTheSecretAndNeverFromTheConfigMap()
    {
        var documents = Manifests.Kubernetes();
        var secretKeys = documents.OfKind("Secret").Single().Document.Entries("stringData").Select(e => e.Key).ToHashSet();
        var env = documents.OfKind("Deployment").Single().Document.Items("spec", "template", "spec", "containers").Single().Items("env").ToList();
        var configMap = documents.OfKind("ConfigMap").Single().Document.Entries("data").Select(e => e.Key).ToList();

        foreach (var name in new[] { "Profiles__Storage__ConnectionString", "Profiles__Clustering__ConnectionString", "Profiles__Auth__WriteKeys__0", "Profiles__Auth__ApiKeys__0__Key" })
        {
            var entry = Assert.Single(env, e => e.Text("name") == name);
            Assert.Contains(entry.Text("valueFrom", "secretKeyRef", "key")!, secretKeys);
        }
        Assert.DoesNotContain(configMap, key => key.EndsWith("ConnectionString", StringComparison.Ordinal) || key.EndsWith("Key", StringComparison.Ordinal) || key.Contains("WriteKeys", StringComparison.Ordinal));
    }

    private static void AssertAllBound(IReadOnlyList<ManifestSetting> settings)
    {
        Assert.NotEmpty(settings);
        var problems = settings.Select(s => (Setting: s, Problem: HostSettings.Problem(s.Name, s.Value)))
            .Where(p => p.Problem is not null)
            .Select(p => $"{p.Setting}: {p.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
