using System.Collections.Concurrent;

namespace Profiles.Grains.Tests.Cluster;

/// <summary>
/// Lets a test wait until a number of calls have reached a grain. A call is counted on the grain's scheduler right
/// after the grain method returned its task, so whatever the grain does synchronously on receipt (queueing the call)
/// has happened before anything the test does in response, such as releasing a held write.
/// </summary>
public sealed class CallProbe : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<GrainId, Expectation> _expected = new();

    /// <summary>Completes once <paramref name="count"/> calls have reached <paramref name="grain"/>, counting from now.</summary>
    public Task ExpectCallsAsync(GrainId grain, int count)
    {
        var expectation = new Expectation(count);
        _expected[grain] = expectation;
        return expectation.Reached.Task;
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var invoked = context.Invoke();
        if (_expected.TryGetValue(context.TargetId, out var expectation)) expectation.Arrived();
        return invoked;
    }

    private sealed class Expectation(int count)
    {
        private int _remaining = count;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arrived()
        {
            if (Interlocked.Decrement(ref _remaining) == 0) Reached.TrySetResult();
        }
    }
}
