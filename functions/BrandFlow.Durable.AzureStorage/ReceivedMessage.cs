using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>A decoded queue message with what is needed to delete or release it.</summary>
/// <param name="QueueMessageId">Queue-assigned id.</param>
/// <param name="PopReceipt">Receipt of this delivery; null when the Functions host owns the message.</param>
/// <param name="Text">Raw queue text, re-sent unchanged when the message must be re-enqueued.</param>
/// <param name="Message">The decoded task message.</param>
internal sealed record ReceivedMessage(string QueueMessageId, string? PopReceipt, string Text, TaskMessage Message)
{
    /// <summary>When this delivery was received (monotonic milliseconds), to tell when its lock is about to expire.</summary>
    public long ReceivedAtMs { get; init; } = Environment.TickCount64;

    /// <summary>
    /// Whether the message waited in memory so long that its lock (queue invisibility) may expire before it is
    /// processed; such a message is dropped from memory, since the queue will deliver it again.
    /// </summary>
    public bool IsStale(TimeSpan lockTimeout) =>
        this.PopReceipt is not null && Environment.TickCount64 - this.ReceivedAtMs > lockTimeout.TotalMilliseconds * 0.8;
}

/// <summary>Lock token of an orchestration work item.</summary>
internal sealed class OrchestrationLock
{
    public required string InstanceId { get; init; }

    public required InstanceSnapshotHolder Holder { get; init; }

    public required IReadOnlyList<ReceivedMessage> Messages { get; init; }

    /// <summary>The Functions host delivered the message and deletes it itself on success.</summary>
    public bool HostOwned { get; init; }

    /// <summary>Set when the work item was completed.</summary>
    public bool Completed { get; set; }

    /// <summary>Set when the work item was abandoned.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Set when abandoning re-enqueued fresh copies of the messages (they no longer need the original).</summary>
    public bool Requeued { get; set; }

    /// <summary>Set once the instance was unlocked in this process (by complete or abandon, whichever came first).</summary>
    public bool InstanceReleased { get; set; }
}

/// <summary>Mutable box for the snapshot a work item was built from.</summary>
internal sealed class InstanceSnapshotHolder
{
    public required Storage.InstanceSnapshot Snapshot { get; set; }
}

/// <summary>Lock token of an activity work item.</summary>
internal sealed class ActivityLock
{
    public required ReceivedMessage Received { get; init; }

    public bool HostOwned { get; init; }

    public bool Completed { get; set; }

    public bool Abandoned { get; set; }
}
