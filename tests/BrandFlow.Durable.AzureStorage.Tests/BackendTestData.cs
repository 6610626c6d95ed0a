using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.AzureStorage.Tests;

/// <summary>Builds messages and commits by hand, standing in for the engine in backend-level tests.</summary>
internal static class BackendTestData
{
    public static TaskMessage StartMessage(string instanceId, string? input = "\"in\"", string name = "Chain") =>
        TaskMessage.Create(instanceId, "exec1", new ExecutionStartedEvent
        {
            Name = name,
            InstanceId = instanceId,
            ExecutionId = "exec1",
            Input = input,
            Timestamp = DateTime.UtcNow,
        });

    public static OrchestrationState Running(OrchestrationWorkItem workItem, string? output = null, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running) =>
        (workItem.State ?? throw new InvalidOperationException("no state")) with
        {
            RuntimeStatus = status,
            LastUpdatedAt = DateTime.UtcNow,
            Output = output,
        };

    public static TaskMessage ActivityMessage(string instanceId, int id, string? input = null) =>
        TaskMessage.Create(instanceId, "exec1", new TaskScheduledEvent { EventId = id, Name = "Work", Input = input, Timestamp = DateTime.UtcNow });

    public static TaskMessage Completion(string instanceId, int id, string? result = null) =>
        TaskMessage.Create(instanceId, "exec1", new TaskCompletedEvent { TaskScheduledId = id, Result = result, Timestamp = DateTime.UtcNow });

    /// <summary>Waits until the service hands out an orchestration work item (or fails after the timeout).</summary>
    public static async Task<OrchestrationWorkItem> LockOrchestrationAsync(IOrchestrationService service, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await service.LockNextOrchestrationWorkItemAsync(CancellationToken.None) is { } item)
            {
                return item;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No orchestration work item arrived.");
    }

    /// <summary>Waits until the service hands out an activity work item.</summary>
    public static async Task<ActivityWorkItem> LockActivityAsync(IOrchestrationService service, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (await service.LockNextActivityWorkItemAsync(CancellationToken.None) is { } item)
            {
                return item;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No activity work item arrived.");
    }

    /// <summary>A commit that records the work item's messages as history events and sends the given messages.</summary>
    public static OrchestrationCommit Commit(OrchestrationWorkItem workItem, OrchestrationState state, IReadOnlyList<HistoryEvent>? extraEvents = null, IReadOnlyList<TaskMessage>? activities = null, IReadOnlyList<TaskMessage>? timers = null)
    {
        var events = workItem.NewMessages.Select(m => m.Event with { SourceMessageId = m.MessageId }).ToList();
        events.AddRange(extraEvents ?? []);
        return new OrchestrationCommit
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = state.ExecutionId,
            NewEvents = events,
            State = state,
            ActivityMessages = activities ?? [],
            TimerMessages = timers ?? [],
            ConsumedMessageIds = workItem.NewMessages.Select(m => m.MessageId).ToList(),
        };
    }
}
