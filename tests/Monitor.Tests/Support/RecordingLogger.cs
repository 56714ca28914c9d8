using Microsoft.Extensions.Logging;

namespace Monitor.Tests.Support;

/// <summary>A logger that keeps every formatted message, and lets a test wait (bounded) for the one it expects.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];
    private readonly List<(Func<LogLevel, string, bool> Match, TaskCompletionSource Seen)> _waiting = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
                return [.. _entries];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        lock (_entries)
        {
            _entries.Add((logLevel, message));
            foreach (var (match, seen) in _waiting.Where(w => w.Match(logLevel, message)))
                seen.TrySetResult();
        }
    }

    /// <summary>Completes when a message matching <paramref name="match"/> is (or was already) logged; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForAsync(Func<LogLevel, string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_entries)
        {
            if (_entries.Any(e => match(e.Level, e.Message)))
                return Task.CompletedTask;
            _waiting.Add((match, seen));
        }
        return seen.Task.WaitAsync(timeout);
    }
}
