namespace Profiles.Grains.Tests.Cluster;

/// <summary>Holds the storage writes of one grain until the test releases them, and tells when the first one arrived.</summary>
public sealed class WriteHold
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held write has reached storage.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Lets the held write, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    internal Task EnterAsync()
    {
        _entered.TrySetResult();
        return _released.Task;
    }
}
