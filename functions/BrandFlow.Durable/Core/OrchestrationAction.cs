using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Core;

/// <summary>Where an action's outbound message goes.</summary>
internal enum ActionDestination
{
    /// <summary>The activity queue.</summary>
    Activity,

    /// <summary>Another (or this) orchestration instance.</summary>
    Orchestration,

    /// <summary>A timer message to this instance.</summary>
    Timer,
}

/// <summary>
/// Something the orchestrator code scheduled at a sequence number: the history event that records it and the
/// message that carries it out. Matched against the history during replay.
/// </summary>
/// <param name="HistoryEvent">The event recorded in history (its EventId is the sequence number).</param>
/// <param name="Message">The outbound message.</param>
/// <param name="Destination">Where the message goes.</param>
/// <param name="Name">Name of the activity, orchestrator or event, or empty for timers.</param>
internal sealed record OrchestrationAction(HistoryEvent HistoryEvent, TaskMessage Message, ActionDestination Destination, string Name)
{
    /// <summary>The sequence number.</summary>
    public int Id => HistoryEvent.EventId;

    /// <summary>Human-readable description used in non-determinism errors.</summary>
    public string Describe() => Describe(HistoryEvent);

    /// <summary>Describes a scheduling history event: kind and name.</summary>
    public static string Describe(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskScheduledEvent e => $"TaskScheduled '{e.Name}'",
        SubOrchestrationInstanceCreatedEvent e => $"SubOrchestrationCreated '{e.Name}'",
        EventSentEvent e => $"EventSent '{e.Name}' to '{e.InstanceId}'",
        TimerCreatedEvent => "TimerCreated",
        _ => historyEvent.Kind,
    };

    /// <summary>True if a history event records the same kind and name as this action.</summary>
    public bool Matches(HistoryEvent historyEvent) => (HistoryEvent, historyEvent) switch
    {
        (TaskScheduledEvent a, TaskScheduledEvent b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        (SubOrchestrationInstanceCreatedEvent a, SubOrchestrationInstanceCreatedEvent b) =>
            string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
        (EventSentEvent a, EventSentEvent b) => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.InstanceId, b.InstanceId, StringComparison.Ordinal),
        (TimerCreatedEvent, TimerCreatedEvent) => true,
        _ => false,
    };
}
