namespace BrandFlow.Durable.Backend;

/// <summary>The orchestrator scheduled an activity. Also the payload of an activity message.</summary>
public sealed record TaskScheduledEvent : HistoryEvent
{
    /// <summary>Registered activity name.</summary>
    public required string Name { get; init; }

    /// <summary>Activity version (empty when unversioned).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Serialized input (JSON), or null.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskScheduled";
}

/// <summary>An activity returned a result.</summary>
public sealed record TaskCompletedEvent : HistoryEvent
{
    /// <summary>Sequence number of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>Serialized result (JSON), or null.</summary>
    public string? Result { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskCompleted";
}

/// <summary>An activity threw.</summary>
public sealed record TaskFailedEvent : HistoryEvent
{
    /// <summary>Sequence number of the matching <see cref="TaskScheduledEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>What went wrong.</summary>
    public required TaskFailureDetails FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "TaskFailed";
}

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreatedEvent : HistoryEvent
{
    /// <summary>UTC time the timer fires.</summary>
    public required DateTime FireAt { get; init; }

    /// <inheritdoc />
    public override string Kind => "TimerCreated";
}

/// <summary>A durable timer fired. Also the payload of a timer message, delivered at <see cref="FireAt"/>.</summary>
public sealed record TimerFiredEvent : HistoryEvent
{
    /// <summary>Sequence number of the matching <see cref="TimerCreatedEvent"/>.</summary>
    public required int TimerId { get; init; }

    /// <summary>UTC time the timer was due.</summary>
    public required DateTime FireAt { get; init; }

    /// <inheritdoc />
    public override string Kind => "TimerFired";
}

/// <summary>An external event arrived (from a client or another orchestration).</summary>
public sealed record EventRaisedEvent : HistoryEvent
{
    /// <summary>Event name (case-insensitive match against waits).</summary>
    public required string Name { get; init; }

    /// <summary>Serialized payload (JSON), or null.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "EventRaised";
}

/// <summary>The orchestrator sent an event to another instance.</summary>
public sealed record EventSentEvent : HistoryEvent
{
    /// <summary>Target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Event name.</summary>
    public required string Name { get; init; }

    /// <summary>Serialized payload (JSON), or null.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "EventSent";
}

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationInstanceCreatedEvent : HistoryEvent
{
    /// <summary>Registered orchestrator name of the child.</summary>
    public required string Name { get; init; }

    /// <summary>Version of the child (empty when unversioned).</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Instance id of the child.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Serialized input (JSON), or null.</summary>
    public string? Input { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationCreated";
}

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationInstanceCompletedEvent : HistoryEvent
{
    /// <summary>Sequence number of the matching <see cref="SubOrchestrationInstanceCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>Serialized output (JSON), or null.</summary>
    public string? Result { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationCompleted";
}

/// <summary>A sub-orchestration failed (or was terminated).</summary>
public sealed record SubOrchestrationInstanceFailedEvent : HistoryEvent
{
    /// <summary>Sequence number of the matching <see cref="SubOrchestrationInstanceCreatedEvent"/>.</summary>
    public required int TaskScheduledId { get; init; }

    /// <summary>What went wrong in the child.</summary>
    public required TaskFailureDetails FailureDetails { get; init; }

    /// <inheritdoc />
    public override string Kind => "SubOrchestrationFailed";
}
