using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Bench;

/// <summary>Writes the engine's warnings and errors to the console and keeps the first distinct ones for the report.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> seen = new(StringComparer.Ordinal);

    /// <summary>Distinct warning and error messages (first line, exception type) with how often each occurred.</summary>
    public IReadOnlyDictionary<string, int> Messages => this.seen;

    /// <summary>Forgets what was seen (between scenarios).</summary>
    public void Clear() => this.seen.Clear();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CaptureLogger(this, categoryName);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private void Record(string category, LogLevel level, string message, Exception? exception)
    {
        var line = message.Split('\n')[0].Trim();
        var key = $"{level} {category}: {(line.Length > 300 ? line[..300] + "…" : line)}{(exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message.Split('\n')[0]}]")}";
        if (this.seen.AddOrUpdate(key, 1, (_, n) => n + 1) == 1 && this.seen.Count <= 50)
        {
            Console.Error.WriteLine($"[engine] {key}");
        }
    }

    private sealed class CaptureLogger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (this.IsEnabled(logLevel))
            {
                owner.Record(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
