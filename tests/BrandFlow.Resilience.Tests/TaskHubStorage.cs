using DurableTask.AzureStorage;
using DurableTask.Core;

namespace BrandFlow.Resilience.Tests;

/// <summary>The site's task hub seen through DurableTask.AzureStorage itself (as a client: it never processes work).</summary>
internal sealed class TaskHubStorage(TestSite site)
{
    private readonly AzureStorageOrchestrationService service = new(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(Azurite.ConnectionString),
        TaskHubName = site.TaskHub,
    });

    /// <summary>Starts an instance of an orchestration by name: a well-formed ExecutionStarted message on a control queue.</summary>
    public Task<OrchestrationInstance> StartAsync(string name, string instanceId, object input) =>
        new TaskHubClient(this.service).CreateOrchestrationInstanceAsync(name, string.Empty, instanceId, input);

    /// <summary>The instance's status row (null when none).</summary>
    public async Task<OrchestrationState?> StateAsync(string instanceId) =>
        (await this.service.GetOrchestrationStateAsync(instanceId, allExecutions: false)).FirstOrDefault();
}
