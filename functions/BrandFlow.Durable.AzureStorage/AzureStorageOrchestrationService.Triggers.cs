using BrandFlow.Durable.AzureStorage.Functions;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Processing of single messages handed over by the Azure Functions host (it owns and deletes them).</summary>
public sealed partial class AzureStorageOrchestrationService
{
    /// <summary>Runs one control-queue message through <paramref name="process"/>; success lets the host delete it.</summary>
    internal async Task<CustomHandlerResponse> ProcessControlTriggerAsync(
        QueueTriggerInvocation invocation, Func<OrchestrationWorkItem, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        var raw = new ReceivedRaw(invocation.QueueMessageId, null, invocation.MessageText, invocation.DequeueCount);
        var received = await this.ScreenAsync(this.controlQueue, raw, cancellationToken);
        if (received is null)
        {
            return CustomHandlerResponse.Success("Message moved to the poison queue or re-enqueued until due.");
        }

        var instanceId = received.Message.InstanceId;
        while (!this.controlReader.TryLock(instanceId))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }

        try
        {
            var workItem = await this.BuildWorkItemAsync(instanceId, [received], hostOwned: true, cancellationToken);
            var token = (OrchestrationLock)workItem.LockToken!;
            try
            {
                await process(workItem, cancellationToken);
            }
            catch (WorkItemLockLostException)
            {
                // The backend already re-enqueued a copy of the message when the commit lost the race.
            }

            if (token.Completed)
            {
                return CustomHandlerResponse.Success($"Processed message {received.Message.MessageId} for {instanceId}.");
            }

            return token.Abandoned && token.Requeued
                ? CustomHandlerResponse.Success($"Message {received.Message.MessageId} for {instanceId} re-enqueued (concurrent change or waiting for the start).")
                : CustomHandlerResponse.Failure($"Message {received.Message.MessageId} for {instanceId} was not processed; the host will retry it.");
        }
        finally
        {
            this.controlReader.Release(instanceId);
        }
    }

    /// <summary>Runs one work-item-queue message through <paramref name="process"/>; success lets the host delete it.</summary>
    internal async Task<CustomHandlerResponse> ProcessWorkItemTriggerAsync(
        QueueTriggerInvocation invocation, Func<ActivityWorkItem, CancellationToken, Task> process, CancellationToken cancellationToken)
    {
        var raw = new ReceivedRaw(invocation.QueueMessageId, null, invocation.MessageText, invocation.DequeueCount);
        var received = await this.ScreenAsync(this.workItemQueue, raw, cancellationToken);
        if (received is null)
        {
            return CustomHandlerResponse.Success("Message moved to the poison queue or re-enqueued until due.");
        }

        var token = new ActivityLock { Received = received, HostOwned = true };
        await process(new ActivityWorkItem { Message = received.Message, LockToken = token }, cancellationToken);
        return token.Completed
            ? CustomHandlerResponse.Success($"Ran activity message {received.Message.MessageId}.")
            : CustomHandlerResponse.Failure($"Activity message {received.Message.MessageId} was not completed; the host will retry it.");
    }
}
