using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>The storage the sidecar dispatches from: DurableTask.AzureStorage, or the InProcessTestHost's memory.</summary>
/// <param name="Service">The service as the sidecar's dispatchers see it (decorated).</param>
/// <param name="Client">The undecorated client side, which also answers queries and purges.</param>
/// <param name="Name">A short description for the logs.</param>
internal sealed record LocalBackend(SidecarCompatibleOrchestrationService Service, IOrchestrationServiceClient Client, string Name)
{
    /// <summary>Creates the backend the options select.</summary>
    public static LocalBackend Create(LocalEngineOptions options, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger("BrandFlow.Engine.Local");
        if (options.InMemory)
        {
            var memory = new InMemoryOrchestrationService(loggerFactory);
            return new LocalBackend(new SidecarCompatibleOrchestrationService(memory, activityLockTimeout: null, logger), memory, "in-memory");
        }

        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = CreateStorageClients(options),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            ControlQueueBatchSize = options.ControlQueueBatchSize,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            LoggerFactory = loggerFactory,
        };
        if (!string.IsNullOrEmpty(options.WorkerId))
        {
            settings.WorkerId = options.WorkerId;
        }

        var storage = new AzureStorageOrchestrationService(settings);
        return new LocalBackend(
            new SidecarCompatibleOrchestrationService(storage, options.WorkItemQueueVisibilityTimeout, logger), storage, "DurableTask.AzureStorage");
    }

    /// <summary>The storage clients (connection string or identity), with the caller's client options applied when it gave any.</summary>
    private static StorageAccountClientProvider CreateStorageClients(LocalEngineOptions options)
    {
        var blob = new BlobClientOptions();
        var queue = new QueueClientOptions();
        var table = new TableClientOptions();
        if (options.ConfigureStorageClientOptions is { } configure)
        {
            configure(blob);
            configure(queue);
            configure(table);
        }

        if (!string.IsNullOrEmpty(options.StorageConnectionString))
        {
            var connection = options.StorageConnectionString;
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, blob),
                StorageServiceClientProvider.ForQueue(connection, queue),
                StorageServiceClientProvider.ForTable(connection, table));
        }

        var identity = options.StorageIdentity!.Value;
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(identity.Blob, identity.Credential, blob),
            StorageServiceClientProvider.ForQueue(identity.Queue, identity.Credential, queue),
            StorageServiceClientProvider.ForTable(identity.Table, identity.Credential, table));
    }
}
