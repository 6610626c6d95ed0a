using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Settings of the Azure Storage backend: names, limits, lock and sweep timings.</summary>
public sealed class AzureStorageOrchestrationServiceOptions
{
    /// <summary>Largest visibility delay Azure Queue storage accepts (7 days); longer timers are chained.</summary>
    public static readonly TimeSpan AzureMaxVisibility = TimeSpan.FromDays(7);

    /// <summary>
    /// Task hub name: prefix of the table, queues and blob container (lowercase letters and digits, 3-40 characters).
    /// </summary>
    public string TaskHubName { get; set; } = "brandflow";

    /// <summary>How long a received message stays invisible while it is processed (the work item's lock).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages fetched per queue receive (1..32).</summary>
    public int ReceiveBatchSize { get; set; } = 32;

    /// <summary>
    /// The poison limit (the backend's <see cref="IOrchestrationService.MaxDeliveryCount"/>, the only one): a message
    /// delivered more often than this goes to the poison queue and fails its instance. Re-enqueued copies after a
    /// deferral or a lost race start counting again. Under Azure Functions queue triggers keep the host's
    /// <c>maxDequeueCount</c> (host.json, 5) no lower than this, so the backend decides poison and fails the instance.
    /// </summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Longest visibility delay used for timers; later messages are re-enqueued until due (chaining).</summary>
    public TimeSpan MaxVisibilityDelay { get; set; } = AzureMaxVisibility;

    /// <summary>An outbox row older than this is assumed unsent and re-sent by the sweep.</summary>
    public TimeSpan OutboxResendAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a polling worker runs the outbox sweep.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sent outbox rows not removed by the instance's next commit within this time are deleted on their own.</summary>
    public TimeSpan SentOutboxDeleteDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many instances' state (history and ETag) a worker keeps in memory to skip reads.</summary>
    public int StateCacheSize { get; set; } = 2000;

    /// <summary>Clock used for timers, outbox ages and status timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Test hook called at the backend's fault points.</summary>
    public IFaultInjectionHook FaultInjection { get; set; } = NoFaultInjection.Instance;

    /// <summary>Name of the table holding instance, history and outbox rows.</summary>
    public string TableName => this.TaskHubName + "instances";

    /// <summary>Name of the queue of orchestration messages.</summary>
    public string ControlQueueName => this.TaskHubName + "-control";

    /// <summary>Name of the queue of activity messages.</summary>
    public string WorkItemQueueName => this.TaskHubName + "-workitems";

    /// <summary>Name of the blob container for offloaded payloads.</summary>
    public string PayloadContainerName => this.TaskHubName + "-payloads";

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (this.TaskHubName.Length is < 3 or > 40 || !this.TaskHubName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            || !char.IsAsciiLetterLower(this.TaskHubName[0]))
        {
            throw new ArgumentException($"Task hub name '{this.TaskHubName}' must be 3-40 lowercase letters or digits, starting with a letter.");
        }

        if (this.ReceiveBatchSize is < 1 or > 32)
        {
            throw new ArgumentException("ReceiveBatchSize must be between 1 and 32.");
        }

        if (this.MaxVisibilityDelay <= TimeSpan.Zero || this.MaxVisibilityDelay > AzureMaxVisibility)
        {
            throw new ArgumentException("MaxVisibilityDelay must be positive and at most 7 days.");
        }

        if (this.LockTimeout < TimeSpan.FromSeconds(1) || this.MaxDequeueCount < 1)
        {
            throw new ArgumentException("LockTimeout must be at least one second and MaxDequeueCount at least 1.");
        }
    }
}
