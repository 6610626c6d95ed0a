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

        OrchestrationLock? token = null;
        try
        {
            var workItem = await this.BuildWorkItemAsync(instanceId, [received], hostOwned: true, cancellationToken);
            token = (OrchestrationLock)workItem.LockToken!;
            try
            {
                await process(workItem, cancellationToken);
            }
            catch (WorkItemLockLostException)
            {
                // The dispatcher abandons a lost race itself; a processing function that let the exception through did
                // not, and a second abandon does nothing.
                await this.AbandonOrchestrationWorkItemAsync(workItem, TimeSpan.FromSeconds(1), AbandonReason.LockLost, cancellationToken);
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
            if (token is null)
            {
                this.controlReader.Release(instanceId);
            }
            else
            {
                this.ReleaseInstance(token, crashed: false);
            }
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

    /// <summary>
    /// After a failed trigger invocation on the last allowed delivery, moves the message to the poison queue and
    /// fails its instance with the reason, so the outcome is the same as in polling mode whatever the host's own
    /// maxDequeueCount (which must not be lower than <see cref="AzureStorageOrchestrationServiceOptions.MaxDequeueCount"/>).
    /// Returns true when it did, and the host should then treat the invocation as successful.
    /// </summary>
    internal async Task<bool> PoisonIfExhaustedAsync(bool controlQueue, QueueTriggerInvocation invocation, string failure, CancellationToken cancellationToken)
    {
        if (invocation.DequeueCount < this.options.MaxDequeueCount)
        {
            return false;
        }

        var queue = controlQueue ? this.controlQueue : this.workItemQueue;
        var poisonQueue = controlQueue ? this.controlPoisonQueue : this.workItemPoisonQueue;
        var envelope = Storage.MessageCodec.ParseEnvelopeOrNull(invocation.MessageText);
        var reason = $"Message {envelope?.Id ?? invocation.QueueMessageId} failed {invocation.DequeueCount} deliveries "
            + $"(last error: {failure}) and was moved to queue '{poisonQueue.Name}'.";
        var raw = new ReceivedRaw(invocation.QueueMessageId, null, invocation.MessageText, invocation.DequeueCount);
        await this.MoveToPoisonAsync(queue, poisonQueue, raw, envelope, reason, cancellationToken);
        return true;
    }
}
