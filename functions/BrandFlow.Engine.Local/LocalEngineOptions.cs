namespace BrandFlow.Engine.Local;

/// <summary>Settings of the local Durable Task engine: backend, task hub and DurableTask.AzureStorage tuning.</summary>
public sealed class LocalEngineOptions
{
    /// <summary>
    /// Azure Storage (Azurite) connection string with explicit endpoints; null or empty selects the in-memory backend
    /// of the InProcessTestHost (fast tests, nothing survives the process).
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>
    /// Identity-based storage instead of a connection string: the account's blob, queue and table endpoints and the
    /// credential to reach them with (a managed identity in Azure). Used when <see cref="StorageConnectionString"/> is empty.
    /// </summary>
    public (Uri Blob, Uri Queue, Uri Table, Azure.Core.TokenCredential Credential)? StorageIdentity { get; set; }

    /// <summary>Task hub name (3–45 letters and digits, starting with a letter); the queue, table and container prefix.</summary>
    public string TaskHubName { get; set; } = "brandflow";

    /// <summary>False makes this process a client only: the sidecar runs as an API server and no work item is processed.</summary>
    public bool ProcessWork { get; set; } = true;

    /// <summary>Longest wait between two polls of an empty queue (DurableTask.AzureStorage's default is 30 s; keep it low on Azurite).</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Number of control-queue partitions (1–16); every process on one task hub must use the same value.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue in one batch (1–32).</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>
    /// How long an activity message stays invisible once fetched. The engine renews it while the activity runs, so this
    /// is the delay after which a crashed process's activity is delivered again, not a limit on activity duration.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a control-queue message stays invisible while its orchestration episode runs.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Activities this process runs at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Orchestration episodes this process runs at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 5 * Environment.ProcessorCount;

    /// <summary>Keeps an orchestration's history in memory between episodes (fewer table reads, more memory).</summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>Name of this process in the partition leases and logs; defaults to the machine name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Longest wait of host shutdown for the sidecar's web server (open client calls are cut after it).</summary>
    public TimeSpan SidecarShutdownTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Called once for each of DurableTask.AzureStorage's blob, queue and table client options before the clients are
    /// built; for diagnostics such as counting storage requests with an <c>HttpPipelinePolicy</c>. Null leaves the defaults.
    /// </summary>
    public Action<Azure.Core.ClientOptions>? ConfigureStorageClientOptions { get; set; }

    /// <summary>True when the options select the in-memory backend.</summary>
    internal bool InMemory => string.IsNullOrEmpty(this.StorageConnectionString) && this.StorageIdentity is null;

    /// <summary>A queue service client on the configured storage (not for the in-memory backend).</summary>
    internal Azure.Storage.Queues.QueueServiceClient CreateQueueServiceClient() => this.StorageIdentity is { } identity && string.IsNullOrEmpty(this.StorageConnectionString)
        ? new Azure.Storage.Queues.QueueServiceClient(identity.Queue, identity.Credential)
        : new Azure.Storage.Queues.QueueServiceClient(this.StorageConnectionString);

    /// <summary>A table service client on the configured storage (not for the in-memory backend).</summary>
    internal Azure.Data.Tables.TableServiceClient CreateTableServiceClient() => this.StorageIdentity is { } identity && string.IsNullOrEmpty(this.StorageConnectionString)
        ? new Azure.Data.Tables.TableServiceClient(identity.Table, identity.Credential)
        : new Azure.Data.Tables.TableServiceClient(this.StorageConnectionString);
}
