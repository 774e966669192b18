using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Profiles.AzureStorage.Connection;
using Profiles.Testing.Azurite;

namespace Profiles.AzureStorage.Tests.Connection;

public sealed class AzureTableConnectionTests
{
    [Fact]
    public void TheClientGetsTheRetryAndTimeoutSettings()
    {
        var options = new AzureTableConnection
        {
            NetworkTimeout = TimeSpan.FromSeconds(3), MaxRetries = 5, RetryDelay = TimeSpan.FromMilliseconds(50), MaxRetryDelay = TimeSpan.FromSeconds(1),
        }.CreateClientOptions();

        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Retry.NetworkTimeout);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.MaxDelay);
    }

    [Fact]
    public void TheDefaultsFailAHungStorageInSecondsNotTheSdksMinutes()
    {
        var connection = new AzureTableConnection();

        Assert.Equal(TimeSpan.FromSeconds(5), connection.NetworkTimeout);
        Assert.Equal(3, connection.MaxRetries);
        Assert.True(connection.MaxRetryDelay <= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void AServiceUriWithoutConnectionStringSignsInWithDefaultAzureCredential()
    {
        var connection = new AzureTableConnection { ServiceUri = new Uri("https://profilesaccount.table.core.windows.net") };

        var client = connection.CreateServiceClient();

        Assert.Equal("profilesaccount", client.AccountName);
        Assert.Equal(new Uri("https://profilesaccount.table.core.windows.net"), client.Uri);
        Assert.Contains(nameof(DefaultAzureCredential), connection.Describe(), StringComparison.Ordinal);
        Assert.Null(connection.FindAccountProblem("Profiles:Storage"));
    }

    [Fact]
    public void AConnectionStringTakesPrecedenceOverTheServiceUri()
    {
        var connection = new AzureTableConnection
        {
            ConnectionString = "UseDevelopmentStorage=true", ServiceUri = new Uri("https://other.table.core.windows.net"),
        };

        Assert.Equal("devstoreaccount1", connection.CreateServiceClient().AccountName);
    }

    [Theory]
    [InlineData(null, null, "Profiles:Storage:ConnectionString or Profiles:Storage:ServiceUri is required")]
    [InlineData("AccountName=x;AccountKey=not base64!!", null, "Profiles:Storage:ConnectionString is not a valid")]
    [InlineData(null, "ftp://account.table.core.windows.net", "Profiles:Storage:ServiceUri 'ftp://account.table.core.windows.net/' must be")]
    public void AnAccountProblemNamesTheKeyToFix(string? connectionString, string? serviceUri, string expected)
    {
        var connection = new AzureTableConnection { ConnectionString = connectionString, ServiceUri = serviceUri is null ? null : new Uri(serviceUri) };

        var problem = connection.FindAccountProblem("Profiles:Storage");

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64!!", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ANetworkTimeoutOfZeroIsNamedInTheError()
    {
        var problem = new AzureTableConnection { NetworkTimeout = TimeSpan.Zero }.FindClientProblem("Profiles:Storage");

        Assert.StartsWith("Profiles:Storage:NetworkTimeout", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStorageThatAcceptsConnectionsButNeverAnswersFailsTheCallAfterOneTryPerRetry()
    {
        // A listener that accepts every connection and never answers: a hung storage account, not a refused one. It holds
        // its port from the start, so nothing else can take it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<Socket>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Enqueue(await listener.AcceptSocketAsync(stop.Token));
            }
            catch (OperationCanceledException)
            {
            }
        });
        var connection = new AzureTableConnection
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
                $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteInstance.AccountName};",
            // Long enough that each try connects before it times out even on a loaded machine (a try cancelled before it
            // connects would not be counted), short enough for a quick test.
            NetworkTimeout = TimeSpan.FromMilliseconds(1500),
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        var table = connection.CreateServiceClient().GetTableClient("hung");

        var error = await Record.ExceptionAsync(() => table.GetEntityIfExistsAsync<TableEntity>("p", "r"));

        // The last try's connection may still wait in the listen backlog on a busy machine: take it before counting.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (accepted.Count < connection.MaxRetries + 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await stop.CancelAsync();
        await accepting;
        Assert.NotNull(error);
        Assert.Equal(connection.MaxRetries + 1, accepted.Count);
        foreach (var socket in accepted) socket.Dispose();
    }
}
