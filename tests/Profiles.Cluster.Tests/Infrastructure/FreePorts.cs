using System.Net;
using System.Net.Sockets;

namespace Profiles.Cluster.Tests.Infrastructure;

/// <summary>Ports nobody listens on right now, never the same one twice in a test run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
