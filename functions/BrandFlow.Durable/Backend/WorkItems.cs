namespace BrandFlow.Durable.Backend;

/// <summary>
/// One locked orchestration instance with its batch of new messages and its current state. While locked no other
/// worker may process the instance. Produced by <see cref="IOrchestrationService.LockNextOrchestrationWorkItemAsync"/>
/// or by a backend-specific entry point (e.g. an Azure Functions queue trigger building it from one queue message).
/// </summary>
public sealed class OrchestrationWorkItem
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>New messages for the instance, in arrival order. May include duplicates the engine will drop.</summary>
    public required IReadOnlyList<TaskMessage> NewMessages { get; init; }

    /// <summary>History of the current execution (empty for an instance that has not started).</summary>
    public required IReadOnlyList<HistoryEvent> History { get; init; }

    /// <summary>The instance's status row, or null if the instance does not exist.</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>Opaque backend data (ETag, queue receipts, lease); the engine never reads it.</summary>
    public object? LockToken { get; init; }
}

/// <summary>One locked activity message.</summary>
public sealed class ActivityWorkItem
{
    /// <summary>The message; its <see cref="TaskMessage.Event"/> is a <see cref="TaskScheduledEvent"/>.</summary>
    public required TaskMessage Message { get; init; }

    /// <summary>Opaque backend data (queue receipt, pop receipt); the engine never reads it.</summary>
    public object? LockToken { get; init; }

    /// <summary>The scheduled activity.</summary>
    public TaskScheduledEvent TaskScheduled => (TaskScheduledEvent)Message.Event;

    /// <summary>Idempotency key: instance id, execution id and task scheduled id (see <see cref="TaskMessage.ActivityKey"/>).</summary>
    public string DedupeKey => TaskMessage.ActivityKey(Message.InstanceId, Message.ExecutionId, Message.Event.EventId);
}
