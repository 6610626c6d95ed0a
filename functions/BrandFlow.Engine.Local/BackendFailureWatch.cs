using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Engine.Local;

/// <summary>
/// A logger provider that reads DurableTask.AzureStorage's own warnings and errors: the backend has no hook for a
/// message it cannot deserialize or a history it cannot load, it only logs them (event 137 "Failed to process message.
/// MessageId: …" and 115 "An unexpected failure occurred while processing instance '…'") and retries. Each is counted
/// in <see cref="BackendFailures"/>; nothing is written to any sink.
/// </summary>
internal sealed partial class BackendFailureWatch(BackendFailures failures) : ILoggerProvider
{
    /// <summary>The log category DurableTask.AzureStorage writes under.</summary>
    public const string Category = "DurableTask.AzureStorage";

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith(Category, StringComparison.Ordinal) ? new Watcher(failures) : NullLogger.Instance;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>Reads one log line (for the provider and its tests).</summary>
    internal static void Read(BackendFailures failures, string text)
    {
        if (UnreadableMessagePattern().Match(text) is { Success: true } message)
        {
            failures.Report(BackendFailureKind.UnreadableMessage, message.Groups[1].Value, message.Groups[2].Value.Trim());
        }
        else if (UnloadableHistoryPattern().Match(text) is { Success: true } history && IsUnreadableData(history.Groups[2].Value))
        {
            failures.Report(BackendFailureKind.UnloadableHistory, history.Groups[1].Value, history.Groups[2].Value.Trim());
        }
    }

    /// <summary>Exceptions that say the stored data cannot be read (not a storage outage, which is retried as it should be).</summary>
    private static bool IsUnreadableData(string exception) =>
        exception.Contains("is not a valid EventType value", StringComparison.Ordinal)
        || exception.Contains("did not contain a 'EventType' property", StringComparison.Ordinal)
        || exception.Contains("JsonSerializationException", StringComparison.Ordinal)
        || exception.Contains("JsonReaderException", StringComparison.Ordinal);

    [GeneratedRegex(@"Failed to process message\. MessageId: ([^,\s]+), Error: ([^\r\n]*)")]
    private static partial Regex UnreadableMessagePattern();

    [GeneratedRegex(@"An unexpected failure occurred while processing instance '([^']+)': ([^\r\n]*)")]
    private static partial Regex UnloadableHistoryPattern();

    private sealed class Watcher(BackendFailures failures) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (this.IsEnabled(logLevel))
            {
                Read(failures, formatter(state, exception));
            }
        }
    }
}
