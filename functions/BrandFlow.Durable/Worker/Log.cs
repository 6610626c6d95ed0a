using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable.Worker;

/// <summary>Source-generated log messages of the worker; event ids are stable (1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable worker started ({Orchestrations} orchestration / {Activities} activity slots)")]
    public static partial void WorkerStarted(ILogger logger, int orchestrations, int activities);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable worker stopping; waiting up to {GracePeriod} for in-flight work")]
    public static partial void WorkerStopping(ILogger logger, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Durable worker stopped")]
    public static partial void WorkerStopped(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "The backend's worker-stopped hook failed; what it held is released when its locks time out")]
    public static partial void StopHookFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Orchestration {InstanceId}: episode with {MessageCount} messages, replayed {Replayed} events, status {Status}")]
    public static partial void EpisodeCompleted(ILogger logger, string instanceId, int messageCount, int replayed, string status);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Orchestration {InstanceId}: messages arrived before its start; retrying later")]
    public static partial void EpisodeDeferred(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Orchestration {InstanceId}: lock lost; its messages are released and processed again from fresh state")]
    public static partial void LockLost(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Orchestration {InstanceId}: work item failed and was abandoned")]
    public static partial void OrchestrationWorkItemFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Orchestration {InstanceId}: message {MessageId} delivered {Count} times; failing the instance")]
    public static partial void PoisonMessage(ILogger logger, string instanceId, string messageId, int count);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Orchestration {InstanceId} failed: {Failure}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string failure);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Activity {Name} for {InstanceId} (#{TaskId}) finished: {Outcome}")]
    public static partial void ActivityCompleted(ILogger logger, string name, string instanceId, int taskId, string outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Activity {Name} for {InstanceId} (#{TaskId}): work item failed and was abandoned")]
    public static partial void ActivityWorkItemFailed(ILogger logger, string name, string instanceId, int taskId, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "Polling for {Kind} work failed")]
    public static partial void PollFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Debug, Message = "{Kind} work item ended with an error the dispatcher already handled")]
    public static partial void WorkItemEndedWithError(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Injected fault while processing {Kind} work: {Message}")]
    public static partial void InjectedFault(ILogger logger, string kind, string message);
}
