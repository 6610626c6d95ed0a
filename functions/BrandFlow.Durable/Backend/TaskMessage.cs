namespace BrandFlow.Durable.Backend;

/// <summary>
/// A message between the parts of the runtime: to an orchestration instance (start, activity response, timer,
/// event, terminate, suspend, resume, sub-orchestration completion) or to the activity queue (a
/// <see cref="TaskScheduledEvent"/>). Backends must persist all fields and deliver them unchanged.
/// </summary>
public sealed record TaskMessage
{
    /// <summary>Unique id, stable across redeliveries and outbox re-sends; used for de-duplication.</summary>
    public required string MessageId { get; init; }

    /// <summary>Instance the message targets (for activity messages: the orchestration that scheduled it).</summary>
    public required string InstanceId { get; init; }

    /// <summary>Execution the message targets; null means "whatever execution is current" (client events).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The event carried by the message.</summary>
    public required HistoryEvent Event { get; init; }

    /// <summary>
    /// Earliest UTC delivery time (durable timers, delayed starts). Null means deliver now. Backends whose queues
    /// cannot delay that long must chain the delay (re-enqueue until due) and never deliver early.
    /// </summary>
    public DateTime? DeliverAt { get; init; }

    /// <summary>
    /// How many times the backend has handed this message out, including this time (1 on first delivery).
    /// Set by the backend on receive; not part of the message identity.
    /// </summary>
    public int DequeueCount { get; init; } = 1;

    /// <summary>Creates a new message with a fresh id.</summary>
    public static TaskMessage Create(string instanceId, string? executionId, HistoryEvent historyEvent, DateTime? deliverAt = null) =>
        new()
        {
            MessageId = Guid.NewGuid().ToString("N"),
            InstanceId = instanceId,
            ExecutionId = executionId,
            Event = historyEvent,
            DeliverAt = deliverAt,
        };

    /// <summary>
    /// Idempotency key of an activity invocation: instance id, execution id and task scheduled id. Two deliveries
    /// of the same activity message share it; retries of a failed call (new scheduled ids) do not.
    /// </summary>
    public static string ActivityKey(string instanceId, string? executionId, int taskScheduledId) =>
        $"{instanceId}|{executionId}|{taskScheduledId}";
}
