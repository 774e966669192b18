using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Profiles.Testing.Ports;

/// <summary>
/// Ports for the servers the tests start (silos, gateways, Azurite, hosts in child processes), given out so that no two
/// can ever meet, without a window between choosing a port and binding it.
/// </summary>
/// <remarks>
/// <para>
/// Asking the system for a free port (bind to 0, read it, close) and binding it later races: the system hands the same
/// ephemeral ports to every outgoing connection and to every other process asking the same way, so a parallel test — or
/// an Azurite restarted on its port after an outage — can find it taken (<c>AddressInUseException</c>).
/// </para>
/// <para>
/// Instead ports come from a range below the system's ephemeral range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>),
/// which the system never hands out by itself. A port is given to one process at a time by an exclusive lock on a file
/// named after it in a shared folder, held until the process ends (the system releases it even if the process is
/// killed), and once within a process. A port some other program listens on is skipped.
/// </para>
/// </remarks>
public static class TestPorts
{
    private const int RangeSize = 8000;

    private static readonly object Gate = new();
    private static readonly List<FileStream> Held = [];
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "profiles-test-ports");
    private static readonly (int First, int Last) Range = ChooseRange();
    private static int _next = Range.First + Random.Shared.Next(RangeSize);

    /// <summary>A port nobody else in any test process has, and no program listens on; this process keeps it.</summary>
    public static int Reserve()
    {
        lock (Gate)
        {
            Directory.CreateDirectory(Folder);
            for (var tried = 0; tried < RangeSize; tried++)
            {
                var port = _next;
                _next = _next >= Range.Last ? Range.First : _next + 1;
                if (TryLock(port) is not { } lockFile) continue;
                if (!IsBindable(port))
                {
                    lockFile.Dispose();
                    continue;
                }

                Held.Add(lockFile);
                return port;
            }

            throw new InvalidOperationException($"No port left in {Range.First}-{Range.Last} for the tests: {Held.Count} are held by this process.");
        }
    }

    /// <summary>A reserved port as configuration text.</summary>
    public static string ReserveText() => Reserve().ToString(CultureInfo.InvariantCulture);

    private static FileStream? TryLock(int port)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows: across processes.
            return new FileStream(Path.Combine(Folder, port.ToString(CultureInfo.InvariantCulture) + ".lock"),
                FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsBindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Below the ephemeral range when there is room (Linux: 32768-60999, so 24000-31999), else above it.</summary>
    private static (int First, int Last) ChooseRange()
    {
        var (low, high) = (32768, 60999);
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
                (low, high) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            // Not Linux: the Windows and macOS ranges start at 49152, well above ours.
        }
        catch (UnauthorizedAccessException)
        {
        }

        if (low - RangeSize >= 10000) return (low - RangeSize, low - 1);
        if (high + RangeSize <= 65535) return (high + 1, high + RangeSize);
        throw new InvalidOperationException($"The ephemeral port range {low}-{high} leaves no room for the tests' ports.");
    }
}
