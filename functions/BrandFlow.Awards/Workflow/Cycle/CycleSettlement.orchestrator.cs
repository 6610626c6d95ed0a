using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>
/// Waits until every application of a cycle has settled a phase. Applications send "ApplicationSettled" when they do;
/// the watcher counts distinct ids and, once the count reaches what the read model last said (and the window is
/// closed), asks the read model which are still open. The events only wake it: the read model is the truth, and an
/// hourly check covers a lost event. It continues as new every 100 events, so its history stays short whatever the
/// number of applications. Returns the number of applications in the phase.
/// </summary>
public sealed class CycleSettlementOrchestrator : TaskOrchestrator<SettlementWatch, int>
{
    private const int EventsPerExecution = 100;

    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskOrchestrationContext context, SettlementWatch input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var settled = new HashSet<string>(input.Settled, StringComparer.Ordinal);
        var closed = input.WindowClosed;
        var expected = input.Expected;
        var verify = closed;
        var closing = context.WaitForExternalEvent<object>(CycleSignals.WindowClosed);
        for (var events = 0; events < EventsPerExecution; events++)
        {
            if (closed && (verify || settled.Count >= expected))
            {
                var count = await context.CallActivityAsync<SettlementCount>(AwardWorkflow.Activities.CountSettlement,
                    input with { WindowClosed = true, Settled = [], Expected = expected }, Retry.Default);
                if (count.Unsettled.Count == 0)
                {
                    return count.Total;
                }

                expected = count.Total;
                settled.ExceptWith(count.Unsettled);
            }

            using var cancel = new CancellationTokenSource();
            var next = context.WaitForExternalEvent<ApplicationSettledEvent>(CycleSignals.ApplicationSettled, cancel.Token);
            var check = context.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
            var first = await Task.WhenAny(next, check, closing);
            cancel.Cancel();
            verify = first == check;
            if (first == next)
            {
                settled.Add((await next).ApplicationId);
            }
            else if (first == closing)
            {
                closed = verify = true;
                closing = context.WaitForExternalEvent<object>(CycleSignals.WindowClosed);
            }
        }

        context.ContinueAsNew(new SettlementWatch(input.CycleId, input.Phase, closed, settled.Order(StringComparer.Ordinal).ToList(), expected));
        return 0;
    }
}
