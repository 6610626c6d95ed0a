using System.Text.Json.Serialization;

namespace BrandFlow.Durable.Backend;

/// <summary>
/// One entry of an orchestration's event-sourced history. Histories are append-only per execution and are
/// replayed to rebuild orchestrator state. Serialized with System.Text.Json using the "$type" discriminator,
/// so a backend can store an event as one JSON document (a table row, a blob line, ...).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ContinueAsNewEvent), "ContinueAsNew")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "OrchestratorCompleted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "SubOrchestrationFailed")]
public abstract record HistoryEvent
{
    /// <summary>
    /// Sequence number of the action that produced this event (task, timer, sub-orchestration, event sent);
    /// -1 for events that do not schedule anything.
    /// </summary>
    public int EventId { get; init; } = -1;

    /// <summary>UTC time the event was created.</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>
    /// Id of the <see cref="TaskMessage"/> that delivered this event, when it came from a message. The engine
    /// drops any later message whose id already appears in the history (redelivery de-duplication).
    /// </summary>
    public string? SourceMessageId { get; init; }

    /// <summary>Short name of the event kind, as used in the JSON discriminator.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

/// <summary>Information about the parent of a sub-orchestration, carried in its start event.</summary>
/// <param name="InstanceId">Instance id of the parent orchestration.</param>
/// <param name="ExecutionId">Execution id of the parent orchestration.</param>
/// <param name="TaskScheduledId">Sequence number of the parent's SubOrchestrationInstanceCreated event.</param>
/// <param name="Name">Name of the parent orchestration.</param>
public sealed record ParentInstanceInfo(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

/// <summary>First event of every execution: what to run and with which input.</summary>
public sealed record ExecutionStartedEvent : HistoryEvent
{
    /// <summary>Registered orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Orchestrator version recorded for this instance (empty when unversioned).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Execution id; changes on every ContinueAsNew or replacement.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Serialized input (JSON), or null.</summary>
    public string? Input { get; init; }

    /// <summary>Parent orchestration when started as a sub-orchestration.</summary>
    public ParentInstanceInfo? ParentInstance { get; init; }

    /// <summary>Requested start time; the backend must not deliver the start message before it.</summary>
    public DateTime? ScheduledStartTime { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionStarted";
}

/// <summary>Last event of an execution that completed or failed.</summary>
public sealed record ExecutionCompletedEvent : HistoryEvent
{
    /// <summary>Final status: Completed or Failed.</summary>
    public required Client.OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>Serialized output (JSON) when completed.</summary>
    public string? Result { get; init; }

    /// <summary>Failure details when failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionCompleted";
}

/// <summary>A client terminated the instance; also used as the message that requests termination.</summary>
public sealed record ExecutionTerminatedEvent : HistoryEvent
{
    /// <summary>Serialized termination output (reason), or null.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionTerminated";
}

/// <summary>A client suspended the instance; later events wait until it is resumed.</summary>
public sealed record ExecutionSuspendedEvent : HistoryEvent
{
    /// <summary>Reason given by the client, or null.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionSuspended";
}

/// <summary>A client resumed a suspended instance.</summary>
public sealed record ExecutionResumedEvent : HistoryEvent
{
    /// <summary>Reason given by the client, or null.</summary>
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string Kind => "ExecutionResumed";
}

/// <summary>Last event of an execution that continued as new; the next execution starts with a fresh history.</summary>
public sealed record ContinueAsNewEvent : HistoryEvent
{
    /// <summary>Serialized input of the next execution.</summary>
    public string? Input { get; init; }

    /// <summary>Execution id of the next execution.</summary>
    public required string NewExecutionId { get; init; }

    /// <inheritdoc />
    public override string Kind => "ContinueAsNew";
}

/// <summary>Marks the start of one episode (one work item): its timestamp is the replay-safe current time.</summary>
public sealed record OrchestratorStartedEvent : HistoryEvent
{
    /// <inheritdoc />
    public override string Kind => "OrchestratorStarted";
}

/// <summary>Marks the end of one episode.</summary>
public sealed record OrchestratorCompletedEvent : HistoryEvent
{
    /// <inheritdoc />
    public override string Kind => "OrchestratorCompleted";
}
