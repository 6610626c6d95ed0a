using Azure.Storage.Queues;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Sends task messages to the control or work-item queue, delaying timers up to the visibility maximum.</summary>
internal sealed class OutboundSender
{
    /// <summary>Never expire: timers may wait months, and a message must not vanish before it is processed.</summary>
    private static readonly TimeSpan Forever = TimeSpan.FromSeconds(-1);

    private readonly QueueClient control;
    private readonly QueueClient workItems;
    private readonly MessageCodec codec;
    private readonly AzureStorageOrchestrationServiceOptions options;

    public OutboundSender(QueueClient control, QueueClient workItems, MessageCodec codec, AzureStorageOrchestrationServiceOptions options)
    {
        this.control = control;
        this.workItems = workItems;
        this.codec = codec;
        this.options = options;
    }

    public async Task SendAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        var queue = message.Event is TaskScheduledEvent ? this.workItems : this.control;
        var text = await this.codec.EncodeAsync(message, cancellationToken);
        await queue.SendMessageAsync(text, this.VisibilityFor(message.DeliverAt), Forever, cancellationToken);
    }

    public async Task SendAllAsync(IReadOnlyList<TaskMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count <= 2)
        {
            foreach (var message in messages)
            {
                await this.SendAsync(message, cancellationToken);
            }

            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(messages, parallel, async (message, ct) => await this.SendAsync(message, ct));
    }

    /// <summary>Sends queue text again unchanged (same message id inside), optionally invisible for a while.</summary>
    public async Task ResendRawAsync(QueueClient queue, string text, TimeSpan? visibility, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(text, visibility is { } v && v > TimeSpan.Zero ? v : null, Forever, cancellationToken);

    /// <summary>Visibility delay for a delivery time: whole seconds rounded up (queues have 1-second precision), capped.</summary>
    public TimeSpan? VisibilityFor(DateTime? deliverAt)
    {
        if (deliverAt is not { } due)
        {
            return null;
        }

        var remaining = DateTime.SpecifyKind(due, DateTimeKind.Utc) - this.options.TimeProvider.GetUtcNow().UtcDateTime;
        if (remaining <= TimeSpan.Zero)
        {
            return null;
        }

        var seconds = TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds));
        return seconds < this.options.MaxVisibilityDelay ? seconds : this.options.MaxVisibilityDelay;
    }
}
