using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>Checks that a finished history is well formed: one start, one end, every task scheduled once and answered once.</summary>
internal static class HistoryAssert
{
    public static void Valid(string instanceId, IReadOnlyList<HistoryEvent> history)
    {
        var started = history.OfType<ExecutionStartedEvent>().ToList();
        Assert.True(started.Count == 1, $"{instanceId}: {started.Count} ExecutionStarted events");
        Assert.True(history.OfType<ExecutionCompletedEvent>().Count() == 1, $"{instanceId}: not exactly one ExecutionCompleted");
        Assert.IsType<ExecutionCompletedEvent>(history.Last(e => e is not OrchestratorCompletedEvent));

        var scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId).ToList();
        Assert.True(scheduled.Count == scheduled.Distinct().Count(), $"{instanceId}: a task id was scheduled twice");
        var answered = history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId)
            .Concat(history.OfType<TaskFailedEvent>().Select(e => e.TaskScheduledId)).ToList();
        Assert.True(answered.Count == answered.Distinct().Count(), $"{instanceId}: an activity result was recorded twice");
        Assert.True(scheduled.Order().SequenceEqual(answered.Order()), $"{instanceId}: scheduled and answered tasks differ");

        var sources = history.Select(e => e.SourceMessageId).Where(id => id is not null).ToList();
        Assert.True(sources.Count == sources.Distinct().Count(), $"{instanceId}: a message was applied twice");
    }
}
