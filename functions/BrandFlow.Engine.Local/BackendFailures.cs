using System.Collections.Concurrent;
using System.Threading.Channels;

namespace BrandFlow.Engine.Local;

/// <summary>What DurableTask.AzureStorage reported it could not process, as seen in its own log events.</summary>
/// <param name="Kind">A control-queue message it could not read, or an instance whose history it could not load.</param>
/// <param name="Key">The queue message id, or the instance id.</param>
/// <param name="Reason">The exception message DurableTask.AzureStorage logged.</param>
/// <param name="Count">How many times this process has seen it fail.</param>
internal sealed record BackendFailure(BackendFailureKind Kind, string Key, string Reason, int Count);

/// <summary>The two failures DurableTask.AzureStorage 2.11.2 retries for ever (README, defects table).</summary>
internal enum BackendFailureKind
{
    /// <summary>A control-queue message that is not Base64 / JSON: abandoned with a growing delay, never dropped.</summary>
    UnreadableMessage,

    /// <summary>An instance whose history rows cannot be loaded: its messages are abandoned and fetched again for ever.</summary>
    UnloadableHistory,
}

/// <summary>Failures counted per message or instance, handed to <see cref="PoisonGuardService"/>.</summary>
internal sealed class BackendFailures
{
    private readonly ConcurrentDictionary<(BackendFailureKind, string), int> counts = new();
    private readonly Channel<BackendFailure> channel = Channel.CreateBounded<BackendFailure>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Failures as they are reported.</summary>
    public ChannelReader<BackendFailure> Reader => this.channel.Reader;

    /// <summary>Records one failure.</summary>
    public void Report(BackendFailureKind kind, string key, string reason)
    {
        var count = this.counts.AddOrUpdate((kind, key), 1, (_, c) => c + 1);
        this.channel.Writer.TryWrite(new BackendFailure(kind, key, reason, count));
    }

    /// <summary>Forgets a message or instance once it has been dealt with.</summary>
    public void Clear(BackendFailureKind kind, string key) => this.counts.TryRemove((kind, key), out _);
}
