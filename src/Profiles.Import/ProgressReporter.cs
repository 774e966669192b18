using System.Diagnostics;
using System.Globalization;

namespace Profiles.Import;

/// <summary>
/// A progress bar with rate (events/s) and ETA on stderr: redrawn in place with <c>\r</c> on a terminal, a plain line
/// every few seconds when stderr is a file or a pipe.
/// </summary>
public sealed class ProgressReporter(TextWriter output, bool interactive, long totalChars)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDrawn = TimeSpan.FromDays(-1);
    private bool _drawn;

    public void Report(long events, long charsRead, bool force = false)
    {
        var now = _clock.Elapsed;
        if (!force && now - _lastDrawn < (interactive ? TimeSpan.FromMilliseconds(150) : TimeSpan.FromSeconds(5))) return;
        _lastDrawn = now;
        var fraction = totalChars <= 0 ? 1 : Math.Clamp((double)charsRead / totalChars, 0, 1);
        var rate = now.TotalSeconds > 0 ? events / now.TotalSeconds : 0;
        var eta = fraction > 0 && fraction < 1 ? TimeSpan.FromSeconds(now.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        const int width = 30;
        var filled = (int)(fraction * width);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', width - filled)}] {fraction,4:P0} {events,10:N0} events {rate,8:N0} ev/s ETA {eta:hh\\:mm\\:ss}");
        if (interactive)
        {
            output.Write('\r' + line);
            _drawn = true;
        }
        else
        {
            output.WriteLine(line);
        }
    }

    /// <summary>Prints a message on its own line without garbling the bar.</summary>
    public void Message(string text)
    {
        if (_drawn) output.WriteLine();
        _drawn = false;
        output.WriteLine(text);
    }

    public void Finish()
    {
        if (_drawn) output.WriteLine();
        _drawn = false;
    }
}
