using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>Source-generated log messages of the local engine (event ids 7100–7199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Local Durable sidecar listening on {Address} ({Backend}, task hub {TaskHub}, mode {Mode})")]
    public static partial void SidecarStarted(ILogger logger, string address, string backend, string taskHub, string mode);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Local Durable sidecar stopped after {ElapsedMs} ms")]
    public static partial void SidecarStopped(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Local Durable backend drained and its leases released after {ElapsedMs} ms")]
    public static partial void BackendDrained(ILogger logger, long elapsedMs);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Debug, Message = "Converted the {TagCount} tags of sub-orchestration {InstanceId} from {TagType} to a dictionary")]
    public static partial void TagsConverted(ILogger logger, string instanceId, int tagCount, string tagType);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Debug, Message = "Replaced {EventType} of instance {InstanceId} with a plain SubOrchestrationInstanceCreatedEvent before the checkpoint")]
    public static partial void HistoryEventReplaced(ILogger logger, string instanceId, string eventType);

    [LoggerMessage(EventId = 7120, Level = LogLevel.Debug, Message = "Renewed the lock of activity work item {WorkItemId} ({Activity}) until {LockedUntilUtc:O}")]
    public static partial void ActivityLockRenewed(ILogger logger, string workItemId, string activity, DateTime lockedUntilUtc);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Warning, Message = "Could not renew the lock of activity work item {WorkItemId} ({Activity}); it may be delivered again")]
    public static partial void ActivityLockRenewalFailed(ILogger logger, Exception exception, string workItemId, string activity);

    [LoggerMessage(EventId = 7130, Level = LogLevel.Warning, Message = "Abandoned {Count} work items the worker never answered at shutdown; their messages are delivered again")]
    public static partial void InFlightWorkItemsAbandoned(ILogger logger, int count);

    [LoggerMessage(EventId = 7140, Level = LogLevel.Warning, Message = "Dropped a duplicate start message of {InstanceId} (execution {ExecutionId}): its history already holds that start")]
    public static partial void DuplicateStartDropped(ILogger logger, string instanceId, string executionId);
}
