using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Testing.Ports;

namespace Profiles.Browser.Tests.Infrastructure;

/// <summary>The real host on Kestrel on a free port (pages, APIs, hub and silo), with test keys and in-memory storage.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BrowserApp(IDictionary<string, string?>? settings = null)
    {
        var siloPort = TestPorts.Reserve();
        _settings = new Dictionary<string, string?>
        {
            ["Profiles:Auth:WriteKeys:0"] = TestKeys.Write,
            ["Profiles:Auth:ApiKeys:0:Key"] = TestKeys.Agent,
            ["Profiles:Auth:ApiKeys:0:Role"] = "agent",
            ["Profiles:Auth:ApiKeys:1:Key"] = TestKeys.Ops,
            ["Profiles:Auth:ApiKeys:1:Role"] = "ops",
            ["Profiles:Auth:ApiKeys:2:Key"] = TestKeys.Admin,
            ["Profiles:Auth:ApiKeys:2:Role"] = "admin",
            ["Profiles:Clustering:ClusterId"] = $"browser-{Guid.NewGuid():N}",
            ["Profiles:Clustering:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Profiles:Clustering:GatewayPort"] = TestPorts.Reserve().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Profiles:Clustering:PrimarySiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        UseKestrel(0);
    }

    /// <summary>The server's base address (http://127.0.0.1:port/).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>Posts a Segment batch with the write key and fails the test unless every event was accepted.</summary>
    public async Task PostBatchAsync(string batchJson)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestKeys.Write + ":")));
        using var content = new StringContent(batchJson, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v1/batch", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.DoesNotContain("\"index\"", body, StringComparison.Ordinal);
    }

    /// <summary>Erases a customer with the admin key (GDPR) and fails the test unless the answer is 204.</summary>
    public async Task EraseAsync(string customerId)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Admin);
        using var response = await client.DeleteAsync(new Uri($"/api/customers/{Uri.EscapeDataString(customerId)}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }

}
