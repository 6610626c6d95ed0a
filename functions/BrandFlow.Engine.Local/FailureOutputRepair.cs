using DurableTask.Core;
using DurableTask.Core.History;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Keeps the reason of a failed orchestration. The sidecar puts the worker's failure details on the status only (its
/// <c>ExecutionCompletedEvent</c> has none, "Failure details aren't being stored in the orchestration history,
/// currently"), and DurableTask.AzureStorage writes the status row's output from that event's result, which a failure
/// can leave empty: the client then read <c>Failed</c> with no reason at all. Before the checkpoint the completion event
/// gets the failure details and their text as its result, and so does the status (defect 7 in the README).
/// </summary>
internal static class FailureOutputRepair
{
    /// <summary>Fills the result of a failed completion that has none, in the runtime state's events and the status.</summary>
    public static void Repair(OrchestrationRuntimeState state, OrchestrationState? status)
    {
        var fromStatus = status?.FailureDetails;
        Fill(state.Events, fromStatus);
        Fill(state.NewEvents, fromStatus);
        if (status is { OrchestrationStatus: OrchestrationStatus.Failed, FailureDetails: { } details } && string.IsNullOrEmpty(status.Output))
        {
            status.Output = Text(details);
        }
    }

    /// <summary>The reason as one line: type and message of the failure.</summary>
    internal static string Text(FailureDetails details) => $"{details.ErrorType}: {details.ErrorMessage}";

    private static void Fill(IList<HistoryEvent> events, FailureDetails? fromStatus)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is ExecutionCompletedEvent { OrchestrationStatus: OrchestrationStatus.Failed } completed
                && string.IsNullOrEmpty(completed.Result)
                && (completed.FailureDetails ?? fromStatus) is { } details)
            {
                events[i] = new ExecutionCompletedEvent(completed.EventId, Text(details), completed.OrchestrationStatus, details)
                {
                    Timestamp = completed.Timestamp,
                    IsPlayed = completed.IsPlayed,
                    ExtensionData = completed.ExtensionData,
                };
            }
        }
    }
}
