namespace BrandFlow.Durable.Backend;

/// <summary>
/// Everything one orchestration episode changes, committed by
/// <see cref="IOrchestrationService.CompleteOrchestrationWorkItemAsync"/> as one unit. The backend must first
/// persist history, status row and the outbox (all message lists) atomically (Azure Tables: one ETag-guarded batch
/// in the instance's partition, outbox rows included), then send the outbox, then delete the consumed messages.
/// A crash between the steps must leave a state from which a later work item or a sweep completes the send;
/// the engine de-duplicates redelivered messages by <see cref="TaskMessage.MessageId"/>.
/// </summary>
public sealed class OrchestrationCommit
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Execution id the state belongs to (the new one after ContinueAsNew).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>
    /// Events to append to the current execution's history. When <see cref="IsContinueAsNew"/> or
    /// <see cref="IsNewExecution"/> is set, they are the complete history of the new execution.
    /// </summary>
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    /// <summary>
    /// The execution continued as new: the backend drops the previous execution's history and stores
    /// <see cref="NewEvents"/> as the history of <see cref="ExecutionId"/>.
    /// </summary>
    public bool IsContinueAsNew { get; init; }

    /// <summary>
    /// The episode started a new execution over an old terminal one (instance replaced by a client): like
    /// <see cref="IsContinueAsNew"/>, the old history is dropped.
    /// </summary>
    public bool IsNewExecution { get; init; }

    /// <summary>The new status row, or null to leave it unchanged (e.g. only dropping stale messages).</summary>
    public OrchestrationState? State { get; init; }

    /// <summary>Activity messages (<see cref="TaskScheduledEvent"/>) for the activity queue.</summary>
    public IReadOnlyList<TaskMessage> ActivityMessages { get; init; } = [];

    /// <summary>
    /// Messages to orchestration instances, including this one: sub-orchestration starts, events sent,
    /// completions to the parent, events carried over by ContinueAsNew.
    /// </summary>
    public IReadOnlyList<TaskMessage> OrchestratorMessages { get; init; } = [];

    /// <summary>Timer messages (<see cref="TimerFiredEvent"/>) to this instance, each with a <see cref="TaskMessage.DeliverAt"/>.</summary>
    public IReadOnlyList<TaskMessage> TimerMessages { get; init; } = [];

    /// <summary>Ids of the work item's messages that this commit consumed (all of them, duplicates included).</summary>
    public required IReadOnlyList<string> ConsumedMessageIds { get; init; }

    /// <summary>All outbound messages of the commit.</summary>
    public IEnumerable<TaskMessage> Outbox => ActivityMessages.Concat(OrchestratorMessages).Concat(TimerMessages);
}
