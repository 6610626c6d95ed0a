using Microsoft.DurableTask;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Waits until every application of a cycle has settled a phase. The read model is the truth: once the window is
/// closed the watcher counts the applications still open (an activity), then crosses them off as their
/// "ApplicationSettled" events arrive, and counts again when none is left (or hourly, in case an event was lost).
/// It continues as new every 100 events, so its history stays short whatever the number of applications; the new
/// execution starts with a count, so nothing depends on events carried over. An administrator closing the cycle stops
/// it ("StopWatching"). Returns the number of applications in the phase.
/// </summary>
public sealed class CycleSettlementOrchestrator : TaskOrchestrator<SettlementWatch, int>
{
    private const int EventsPerExecution = 100;

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, SettlementWatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var closed = input.WindowClosed;
        var outstanding = input.Outstanding?.ToHashSet(StringComparer.Ordinal);
        var count = closed;
        var closing = context.WaitForExternalEvent<object>(CycleSignals.WindowClosed);
        var stopping = context.WaitForExternalEvent<object>(CycleSignals.StopWatching);

        // One hourly check timer per execution, renewed when it fires (not one per event: each would stay in the
        // queue for an hour and then replay this watcher for nothing).
        using var checks = new CancellationTokenSource();
        var check = context.CreateTimer(TimeSpan.FromHours(1), checks.Token);
        for (var events = 0; events < EventsPerExecution; events++)
        {
            if (closed && (count || outstanding!.Count == 0))
            {
                var now = await context.CallActivityAsync<SettlementCount>(AwardWorkflow.Activities.CountSettlement, input with { Outstanding = null }, Retry.Default);
                if (now.Unsettled.Count == 0)
                {
                    checks.Cancel();
                    return now.Total;
                }

                outstanding = new HashSet<string>(now.Unsettled, StringComparer.Ordinal);
            }

            using var cancel = new CancellationTokenSource();
            var next = context.WaitForExternalEvent<ApplicationSettledEvent>(CycleSignals.ApplicationSettled, cancel.Token);
            await Task.WhenAny(next, check, closing, stopping);
            cancel.Cancel();
            if (stopping.IsCompleted)
            {
                checks.Cancel();
                return (await context.CallActivityAsync<SettlementCount>(AwardWorkflow.Activities.CountSettlement, input with { Outstanding = null }, Retry.Default)).Total;
            }

            count = check.IsCompleted;
            if (count)
            {
                check = context.CreateTimer(TimeSpan.FromHours(1), checks.Token);
            }

            // Both events may have arrived in the same episode: take every completed one, never drop one.
            if (next.IsCompletedSuccessfully)
            {
                outstanding?.Remove((await next).ApplicationId);
            }

            if (closing.IsCompleted)
            {
                count |= !closed;
                closed = true;
                closing = context.WaitForExternalEvent<object>(CycleSignals.WindowClosed);
            }
        }

        checks.Cancel();
        context.ContinueAsNew(new SettlementWatch(input.CycleId, input.Phase, closed, outstanding?.Order(StringComparer.Ordinal).ToList()));
        return 0;
    }
}
