using System.Net;
using Profiles.AzureStorage.Connection;
using Profiles.Grains.Hosting;

namespace Profiles.Host.Hosting;

/// <summary>Refuses clustering settings (<c>Profiles:Clustering</c>) a silo cannot join a cluster with, naming each bad key.</summary>
public sealed class ClusteringOptionsValidator : OptionsValidator<ClusteringOptions>
{
    /// <inheritdoc />
    protected override void Check(ClusteringOptions options, List<string> failures)
    {
        const string S = ClusteringOptions.Section;
        if (options.SiloPort is < 1 or > 65535) failures.Add($"{S}:SiloPort must be a port number, not {options.SiloPort}.");
        if (options.GatewayPort is < 1 or > 65535) failures.Add($"{S}:GatewayPort must be a port number, not {options.GatewayPort}.");
        if (options.PrimarySiloPort is < 1 or > 65535) failures.Add($"{S}:PrimarySiloPort must be a port number, not {options.PrimarySiloPort}.");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) failures.Add($"{S}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) failures.Add($"{S}:ServiceId must not be empty.");
        if (options.AdvertisedIPAddress is { } ip && !IPAddress.TryParse(ip, out _))
            failures.Add($"{S}:AdvertisedIPAddress '{ip}' is not an IP address.");
        if (options.Kubernetes && options.Provider != ClusteringProvider.AzureTable)
            failures.Add($"{S}:Kubernetes needs {S}:Provider AzureTable: Kubernetes hosting does not provide membership.");
        if (options.Provider == ClusteringProvider.AzureTable &&
            new AzureTableConnection { ConnectionString = options.ConnectionString, ServiceUri = options.ServiceUri }.FindAccountProblem(S) is { } problem)
            failures.Add(problem);
    }
}
