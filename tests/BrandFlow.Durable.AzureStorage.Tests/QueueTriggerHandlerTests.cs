using System.Text.Json;
using BrandFlow.Durable.AzureStorage.Functions;
using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using static BrandFlow.Durable.AzureStorage.Tests.BackendTestData;

namespace BrandFlow.Durable.AzureStorage.Tests;

public sealed class QueueTriggerHandlerTests
{
    [Fact]
    public void Parse_ReadsHostPayload()
    {
        var body = """{"Data":{"msg":"{\"a\":1}"},"Metadata":{"DequeueCount":3,"Id":"abc","PopReceipt":"x"}}""";
        var invocation = QueueTriggerInvocation.Parse(body);
        Assert.Equal("{\"a\":1}", invocation.MessageText);
        Assert.Equal(3, invocation.DequeueCount);
        Assert.Equal("abc", invocation.QueueMessageId);
        var response = JsonSerializer.Serialize(CustomHandlerResponse.Success("ok"));
        Assert.Equal("""{"Outputs":{},"Logs":["ok"],"ReturnValue":null}""", response);
    }

    [Fact]
    public async Task ControlAndWorkItemTriggers_RunThroughDispatchers_AndFailureMapsTo500()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("trigger"));
        await service.CreateInstanceAsync(StartMessage("f1"), CancellationToken.None);
        var activityCalls = 0;
        var handler = new QueueTriggerHandler(
            service,
            async (item, ct) =>
            {
                var activity = ActivityMessage(item.InstanceId, item.History.Count);
                var activities = item.NewMessages[0].Event is ExecutionStartedEvent ? new[] { activity } : [];
                await service.CompleteOrchestrationWorkItemAsync(item, Commit(item, Running(item), activities.Select(a => a.Event).ToList(), activities), ct);
            },
            async (work, ct) =>
            {
                if (Interlocked.Increment(ref activityCalls) == 1)
                {
                    await service.AbandonActivityWorkItemAsync(work, TimeSpan.Zero, ct);
                    return;
                }

                await service.CompleteActivityWorkItemAsync(work, Completion(work.Message.InstanceId, work.TaskScheduled.EventId, "1"), ct);
            });

        var start = (await service.ControlQueue.ReceiveMessageAsync()).Value;
        var response = await handler.HandleControlMessageAsync(HostRequest(start.Body.ToString(), start.MessageId, 1), CancellationToken.None);
        Assert.True(response.Succeeded, string.Join(";", response.Logs));
        await service.ControlQueue.DeleteMessageAsync(start.MessageId, start.PopReceipt);

        var work = (await service.WorkItemQueue.ReceiveMessageAsync()).Value;
        var failed = await handler.HandleWorkItemMessageAsync(HostRequest(work.Body.ToString(), work.MessageId, 1), CancellationToken.None);
        Assert.Equal(500, failed.StatusCode);
        var retried = await handler.HandleWorkItemMessageAsync(HostRequest(work.Body.ToString(), work.MessageId, 2), CancellationToken.None);
        Assert.True(retried.Succeeded);
        await service.WorkItemQueue.DeleteMessageAsync(work.MessageId, work.PopReceipt);

        var completion = (await service.ControlQueue.ReceiveMessageAsync()).Value;
        Assert.True((await handler.HandleControlMessageAsync(HostRequest(completion.Body.ToString(), completion.MessageId, 1), CancellationToken.None)).Succeeded);
        var history = await service.GetHistoryAsync("f1", CancellationToken.None);
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TaskCompleted"], history.Select(e => e.Kind));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await service.GetStateAsync("f1", CancellationToken.None))!.RuntimeStatus);
        await service.DeleteAllAsync();
    }

    [Fact]
    public async Task FailingOnLastDelivery_MovesToPoisonAndFailsInstance()
    {
        var service = await AzuriteStorage.CreateServiceAsync(AzuriteStorage.UniqueHub("trigpoison"), o => o.MaxDequeueCount = 3);
        await service.CreateInstanceAsync(StartMessage("tp1"), CancellationToken.None);
        var handler = new QueueTriggerHandler(
            service,
            (_, _) => throw new InvalidOperationException("engine broke"),
            (_, _) => Task.CompletedTask);
        var start = (await service.ControlQueue.ReceiveMessageAsync()).Value;

        var early = await handler.HandleControlMessageAsync(HostRequest(start.Body.ToString(), start.MessageId, 2), CancellationToken.None);
        Assert.Equal(500, early.StatusCode);
        var last = await handler.HandleControlMessageAsync(HostRequest(start.Body.ToString(), start.MessageId, 3), CancellationToken.None);
        Assert.True(last.Succeeded);

        var state = await service.GetStateAsync("tp1", CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, state!.RuntimeStatus);
        Assert.Contains("engine broke", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull((await service.ControlPoisonQueue.PeekMessageAsync()).Value);
        await service.DeleteAllAsync();
    }

    private static string HostRequest(string text, string id, int dequeueCount) =>
        JsonSerializer.Serialize(new { Data = new { message = text }, Metadata = new { DequeueCount = dequeueCount, Id = id } });
}
