using System.Diagnostics;

namespace Profiles.Benchmarks;

/// <summary>Managed heap after full, compacting collections, and the process's working set, at one moment.</summary>
internal readonly record struct MemorySample(long Heap, long WorkingSet)
{
    public static MemorySample Take()
    {
        for (var i = 0; i < 2; i++)
        {
            // Aggressive: also hands freed segments back to the OS, so the working set can follow the heap down.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemorySample(heap, process.WorkingSet64);
    }
}
