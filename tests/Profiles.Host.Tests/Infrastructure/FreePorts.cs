using System.Net;
using System.Net.Sockets;

namespace Profiles.Host.Tests.Infrastructure;

/// <summary>Ports nobody listens on right now, for silos started by the tests.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
