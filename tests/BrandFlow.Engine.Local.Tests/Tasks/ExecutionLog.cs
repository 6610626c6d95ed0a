using System.Collections.Concurrent;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>Counts how often each activity execution happened, to detect duplicate deliveries.</summary>
public sealed class ExecutionLog
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    /// <summary>Records one execution under <paramref name="key"/>.</summary>
    public void Record(string key) => this.counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    /// <summary>How often <paramref name="key"/> ran.</summary>
    public int Count(string key) => this.counts.GetValueOrDefault(key);

    /// <summary>Every key with its count.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(this.counts);
}
