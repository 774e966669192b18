using System.Diagnostics;
using System.Runtime;

namespace Profiles.Benchmarks.EndToEnd;

/// <summary>
/// The end of a warm-up: the JIT has settled. Tiered compilation keeps recompiling hot methods (instrumented tier, then
/// optimized with profile data) for tens of seconds under a new load; measured during that, a window counts the
/// compiler's thread as the server's cost per event (13 % of the CPU samples of a 10 s warm-up in one profile, 0.4 % once
/// settled), which no long-running server pays. Sustained figures are taken after it.
/// </summary>
internal static class JitSettling
{
    /// <summary>Methods compiled in one <see cref="Probe"/> at most, for the JIT to count as settled.</summary>
    public const int SettledMethods = 10;

    /// <summary>How long each probe counts compiled methods.</summary>
    public static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    /// <summary>The longest extra warm-up: a load that keeps compiling beyond it is measured anyway (and says so).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(120);

    /// <summary>Waits until a probe sees at most <see cref="SettledMethods"/> methods compiled, or <see cref="MaxWait"/>.</summary>
    public static async Task WaitAsync(Task abort)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await Task.WhenAny(Task.Delay(Probe), abort);
            if (abort.IsCompleted) return;
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            if (compiled <= SettledMethods)
            {
                Console.WriteLine($"  (JIT settled: {compiled} methods compiled in the last {Probe.TotalSeconds:0} s; {clock.Elapsed.TotalSeconds:0} s of extra warm-up)");
                return;
            }
            if (clock.Elapsed >= MaxWait)
            {
                Console.WriteLine($"  (JIT not settled after {clock.Elapsed.TotalSeconds:0} s of extra warm-up: {compiled} methods compiled in the last {Probe.TotalSeconds:0} s; measured anyway)");
                return;
            }
        }
    }
}
