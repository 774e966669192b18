// Each test runs its own cluster of host processes; on a small CI machine two at once would fight for the cores and
// turn failure-detection timings into noise.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
