namespace Profiles.Grains.Hosting;

/// <summary>
/// The loop of a per-silo service that keeps something fresh: refresh, wait the interval, again until the silo stops. A
/// refresh that fails is reported and tried again after the interval; stopping ends the loop quietly.
/// </summary>
internal static class Periodically
{
    public static async Task RefreshAsync(Func<Task> refresh, TimeSpan interval, TimeProvider time, Action<Exception> failed, CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await refresh();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed(e);
                }
                await Task.Delay(interval, time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
