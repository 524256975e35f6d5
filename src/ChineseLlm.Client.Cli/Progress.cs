namespace ChineseLlm.Client.Cli;

/// <summary>
/// Shows on standard error that the command is waiting: a spinner on a terminal, one line when standard error is
/// redirected. Standard output keeps only the result, so scripts can read it.
/// </summary>
internal sealed class Progress : IDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    private readonly TextWriter _error;
    private readonly string _message;
    private readonly Timer? _timer;
    private readonly Lock _gate = new();
    private int _frame;
    private bool _stopped;

    private Progress(TextWriter error, string message, bool interactive)
    {
        _error = error;
        _message = message;
        if (interactive)
        {
            _timer = new Timer(_ => Tick(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        }
        else
        {
            error.WriteLine(message);
        }
    }

    public static Progress Start(TextWriter error, string message, bool interactive) => new(error, message, interactive);

    /// <summary>Stops the spinner and clears its line (the first result has arrived).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _timer?.Dispose();
            if (_timer is not null)
            {
                _error.Write("\r" + new string(' ', _message.Length + 2) + "\r");
            }
        }
    }

    public void Dispose() => Stop();

    private void Tick()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _error.Write($"\r{Frames[_frame++ % Frames.Length]} {_message}");
            }
        }
    }
}
