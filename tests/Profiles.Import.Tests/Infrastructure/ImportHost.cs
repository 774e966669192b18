using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Profiles.Testing.Ports;

namespace Profiles.Import.Tests.Infrastructure;

/// <summary>The real Profiles host on Kestrel on a free port, with a write key, an agent key and in-memory storage.</summary>
public sealed class ImportHost : WebApplicationFactory<global::Program>
{
    public const string WriteKey = "import-write-key";
    public const string AgentKey = "import-agent-key";

    public ImportHost() => UseKestrel(0);

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
        var siloPort = TestPorts.Reserve();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Profiles:Auth:WriteKeys:0", WriteKey);
        builder.UseSetting("Profiles:Auth:ApiKeys:0:Key", AgentKey);
        builder.UseSetting("Profiles:Auth:ApiKeys:0:Role", "agent");
        builder.UseSetting("Profiles:Clustering:ClusterId", $"import-{Guid.NewGuid():N}");
        builder.UseSetting("Profiles:Clustering:SiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Profiles:Clustering:GatewayPort", TestPorts.Reserve().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Profiles:Clustering:PrimarySiloPort", siloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>A client that reads profiles with the agent key.</summary>
    public HttpClient AgentClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AgentKey);
        return client;
    }

}
