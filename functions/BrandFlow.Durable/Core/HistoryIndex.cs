using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Core;

/// <summary>
/// One linear pass over an execution's history: which messages were already applied, which steps are scheduled
/// and which completed. Used to drop redelivered and duplicate messages before they reach the history.
/// </summary>
internal sealed class HistoryIndex
{
    private readonly HashSet<string> appliedMessageIds = new(StringComparer.Ordinal);
    private readonly HashSet<int> scheduled = [];
    private readonly HashSet<int> completed = [];

    /// <summary>Indexes a history.</summary>
    public HistoryIndex(IReadOnlyList<HistoryEvent> history)
    {
        foreach (HistoryEvent historyEvent in history)
        {
            Add(historyEvent);
        }
    }

    /// <summary>The execution's start event, if any.</summary>
    public ExecutionStartedEvent? Started { get; private set; }

    /// <summary>True when the history ends the execution (completed, failed, terminated, continued as new).</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True if a message with this id was already applied (or accepted in this batch).</summary>
    public bool WasApplied(string messageId) => appliedMessageIds.Contains(messageId);

    /// <summary>
    /// Accepts a message's event if it is new: not applied before and, for completions, answering a step that is
    /// scheduled and still open. Records it so a duplicate later in the batch is dropped.
    /// </summary>
    public bool TryAccept(TaskMessage message)
    {
        if (!appliedMessageIds.Add(message.MessageId))
        {
            return false;
        }

        int? answers = AnsweredStep(message.Event);
        if (answers is int step && (!scheduled.Contains(step) || !completed.Add(step)))
        {
            return false;
        }

        return true;
    }

    /// <summary>The sequence number a completion event answers, or null for other events.</summary>
    public static int? AnsweredStep(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompletedEvent e => e.TaskScheduledId,
        TaskFailedEvent e => e.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent e => e.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent e => e.TaskScheduledId,
        TimerFiredEvent e => e.TimerId,
        _ => null,
    };

    private void Add(HistoryEvent historyEvent)
    {
        if (historyEvent.SourceMessageId is { } messageId)
        {
            appliedMessageIds.Add(messageId);
        }

        switch (historyEvent)
        {
            case ExecutionStartedEvent started:
                Started = started;
                break;
            case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent:
                scheduled.Add(historyEvent.EventId);
                break;
            case ExecutionCompletedEvent or ExecutionTerminatedEvent or ContinueAsNewEvent:
                IsFinished = true;
                break;
            default:
                if (AnsweredStep(historyEvent) is int step)
                {
                    completed.Add(step);
                }

                break;
        }
    }
}
