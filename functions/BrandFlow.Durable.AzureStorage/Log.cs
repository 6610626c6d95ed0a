using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Log messages of the Azure Storage backend (event ids 3100-3199, stable).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Commit of instance {InstanceId} lost the race; it will be retried from fresh state")]
    public static partial void CommitConflict(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Message {MessageId} for instance {InstanceId} was delivered {DequeueCount} times; moved to {PoisonQueue}")]
    public static partial void PoisonMessage(ILogger logger, string? messageId, string? instanceId, long dequeueCount, string poisonQueue);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Instance {InstanceId} marked Failed: {Reason}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "Outbox sweep re-sent {Count} messages from {Rows} stale outbox rows")]
    public static partial void OutboxResent(ILogger logger, int count, int rows);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "Timer message {MessageId} for instance {InstanceId} is not due until {DeliverAt:o}; re-enqueued")]
    public static partial void TimerChained(ILogger logger, string messageId, string instanceId, DateTime deliverAt);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Error, Message = "Unreadable queue message {QueueMessageId} in {Queue}")]
    public static partial void UnreadableMessage(ILogger logger, Exception exception, string queueMessageId, string queue);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Warning, Message = "Maintenance pass failed")]
    public static partial void MaintenanceFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning, Message = "Queue trigger for {Queue} failed on message {QueueMessageId}; the host will retry it")]
    public static partial void TriggerFailed(ILogger logger, Exception exception, string queue, string queueMessageId);
}
