using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Engine.Local.Tests;

/// <summary>A start message delivered again (at-least-once queues) must not stall the instance.</summary>
public sealed class DuplicateStartTests
{
    [Fact]
    public void Apply_StartOfTheRunningExecution_IsDroppedAndOtherMessagesKept()
    {
        var workItem = WorkItem("app-1", started: "e1", Start("app-1", "e1"), Raised("app-1", "e1"));

        Assert.Equal(1, DuplicateStartFilter.Apply(workItem, NullLogger.Instance));

        Assert.IsType<EventRaisedEvent>(Assert.Single(workItem.NewMessages).Event);
    }

    [Fact]
    public void Apply_TwoCopiesOfANewStart_KeepsTheFirst()
    {
        var first = Start("app-2", "e1");
        var workItem = WorkItem("app-2", started: null, first, Start("app-2", "e1"), Raised("app-2", "e1"));

        Assert.Equal(1, DuplicateStartFilter.Apply(workItem, NullLogger.Instance));

        Assert.Same(first, workItem.NewMessages[0]);
        Assert.Equal(2, workItem.NewMessages.Count);
    }

    [Fact]
    public void Apply_StartOfAnotherExecution_IsLeftAlone()
    {
        var workItem = WorkItem("app-3", started: "e1", Start("app-3", "e2"));

        Assert.Equal(0, DuplicateStartFilter.Apply(workItem, NullLogger.Instance));

        Assert.Single(workItem.NewMessages);
    }

    [Fact]
    public async Task StartDeliveredAgain_WithTheEventItWaitsFor_InstanceCompletesAndTheCopyIsDeleted()
    {
        await using var hub = await RunningApprovalAsync();
        // Sent together so that one fetch takes both: the copy then shares a work item with the event the instance waits
        // for. Before the filter every attempt at that batch threw "Multiple ExecutionStartedEvent found" and the
        // instance never completed.
        await hub.Sender.SendTaskOrchestrationMessageBatchAsync(hub.CopyOfStart(), new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = hub.InstanceId },
            Event = new EventRaisedEvent(-1, "\"moved\"") { Name = ApprovalOrchestrator.EventName },
        });

        var state = await hub.Engine.WaitAsync(hub.InstanceId, seconds: 30);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("again:moved", state.ReadOutputAs<string>());
        Assert.Equal(0, await ControlMessagesAsync(hub.TaskHub));
    }

    [Fact]
    public async Task StartDeliveredAgain_Alone_IsDeletedAndTheInstanceStillAnswers()
    {
        await using var hub = await RunningApprovalAsync();
        await hub.Sender.SendTaskOrchestrationMessageAsync(hub.CopyOfStart());

        // A work item left with no message once the copy is dropped still completes, which deletes the copy.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ControlMessagesAsync(hub.TaskHub) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, await ControlMessagesAsync(hub.TaskHub));
        await hub.Engine.Client.RaiseEventAsync(hub.InstanceId, ApprovalOrchestrator.EventName, "later");
        Assert.Equal("again:later", (await hub.Engine.WaitAsync(hub.InstanceId, seconds: 30)).ReadOutputAs<string>());
    }

    /// <summary>A local engine on a new task hub with an <see cref="ApprovalOrchestrator"/> started and waiting.</summary>
    private static async Task<RunningHub> RunningApprovalAsync()
    {
        var taskHub = Azurite.UniqueTaskHub();
        var engine = await EngineHost.StartAsync(Azurite.ConnectionString, taskHub);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalOrchestrator), "again");
        await engine.Client.WaitForInstanceStartAsync(id);
        var instances = new TableClient(Azurite.ConnectionString, $"{taskHub}Instances");
        var execution = (await instances.GetEntityAsync<TableEntity>(id, string.Empty)).Value.GetString("ExecutionId");
        Assert.False(string.IsNullOrEmpty(execution));

        // A second client of the same task hub sends what DurableTask.AzureStorage delivers after a visibility timeout.
        var sender = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(Azurite.ConnectionString),
            TaskHubName = taskHub,
            PartitionCount = 2,
        });
        return new RunningHub(engine, sender, taskHub, id, execution!);
    }

    private sealed record RunningHub(EngineHost Engine, AzureStorageOrchestrationService Sender, string TaskHub, string InstanceId, string ExecutionId)
        : IAsyncDisposable
    {
        /// <summary>The start message of the running execution, as a redelivery carries it.</summary>
        public TaskMessage CopyOfStart()
        {
            var instance = new OrchestrationInstance { InstanceId = this.InstanceId, ExecutionId = this.ExecutionId };
            return new TaskMessage
            {
                OrchestrationInstance = instance,
                Event = new ExecutionStartedEvent(-1, "\"again\"") { Name = nameof(ApprovalOrchestrator), OrchestrationInstance = instance },
            };
        }

        public ValueTask DisposeAsync() => this.Engine.DisposeAsync();
    }

    private static async Task<int> ControlMessagesAsync(string taskHub)
    {
        var total = 0;
        for (var partition = 0; partition < 2; partition++)
        {
            var queue = new Azure.Storage.Queues.QueueClient(Azurite.ConnectionString, $"{taskHub.ToLowerInvariant()}-control-{partition:00}");
            total += (await queue.PeekMessagesAsync(32)).Value.Length;
        }

        return total;
    }

    private static TaskOrchestrationWorkItem WorkItem(string instanceId, string? started, params TaskMessage[] messages)
    {
        var state = new OrchestrationRuntimeState();
        if (started is not null)
        {
            state.AddEvent(new OrchestratorStartedEvent(-1));
            state.AddEvent(new ExecutionStartedEvent(-1, null) { Name = "Test", OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = started } });
            state.AddEvent(new OrchestratorCompletedEvent(-1));
        }

        return new TaskOrchestrationWorkItem { InstanceId = instanceId, OrchestrationRuntimeState = state, NewMessages = [.. messages] };
    }

    private static TaskMessage Start(string instanceId, string execution)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = execution };
        return new TaskMessage { OrchestrationInstance = instance, Event = new ExecutionStartedEvent(-1, null) { Name = "Test", OrchestrationInstance = instance } };
    }

    private static TaskMessage Raised(string instanceId, string execution) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = execution },
        Event = new EventRaisedEvent(-1, "\"x\"") { Name = "approval" },
    };
}
