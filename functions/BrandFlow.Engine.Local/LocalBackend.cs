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
            StorageAccountClientProvider = new StorageAccountClientProvider(options.StorageConnectionString!),
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
}
