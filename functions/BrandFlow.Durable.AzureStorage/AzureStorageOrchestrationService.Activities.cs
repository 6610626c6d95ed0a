using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using BrandFlow.Durable.AzureStorage.Storage;
using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>Activity work items and the queue-message plumbing shared with orchestrations.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    private readonly ConcurrentQueue<ReceivedMessage> activityBuffer = new();
    private readonly SemaphoreSlim activityReceiveGate = new(1, 1);
    private int timerRequeues;

    /// <inheritdoc/>
    public async Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        if (!this.activityBuffer.TryDequeue(out var received))
        {
            await this.activityReceiveGate.WaitAsync(cancellationToken);
            try
            {
                if (!this.activityBuffer.TryDequeue(out received))
                {
                    var response = await this.workItemQueue.ReceiveMessagesAsync(this.options.ReceiveBatchSize, this.options.LockTimeout, cancellationToken);
                    foreach (var raw in response.Value)
                    {
                        var screened = await this.ScreenAsync(this.workItemQueue, new ReceivedRaw(raw.MessageId, raw.PopReceipt, raw.Body.ToString(), (int)raw.DequeueCount), cancellationToken);
                        if (screened is not null)
                        {
                            this.activityBuffer.Enqueue(screened);
                        }
                    }

                    this.activityBuffer.TryDequeue(out received);
                }
            }
            finally
            {
                this.activityReceiveGate.Release();
            }
        }

        if (received is null)
        {
            return null;
        }

        if (received.IsStale(this.options.LockTimeout))
        {
            // Prefetched too long ago: another worker may already run it; the queue will deliver it again anyway.
            return await this.LockNextActivityWorkItemAsync(cancellationToken);
        }

        return new ActivityWorkItem { Message = received.Message, LockToken = new ActivityLock { Received = received } };
    }

    /// <inheritdoc/>
    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage responseMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        var token = (ActivityLock)workItem.LockToken!;
        var instanceId = workItem.Message.InstanceId;
        this.options.FaultInjection.OnFaultPoint(FaultPoint.AfterCommitBeforeSend, WorkItemKind.Activity, instanceId);
        await this.sender.SendAsync(responseMessage, cancellationToken);
        this.options.FaultInjection.OnFaultPoint(FaultPoint.AfterSendBeforeAck, WorkItemKind.Activity, instanceId);
        if (!token.HostOwned)
        {
            await DeleteMessageAsync(this.workItemQueue, token.Received, cancellationToken);
        }

        token.Completed = true;
    }

    /// <inheritdoc/>
    public async Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (ActivityLock)workItem.LockToken!;
        if (token.Completed || token.Abandoned)
        {
            return;
        }

        token.Abandoned = true;
        await this.ReleaseMessageAsync(this.workItemQueue, token.Received, retryDelay, requeue: false, token.HostOwned, cancellationToken);
    }

    /// <summary>Releases prefetched messages when a <see cref="Worker.DurableTaskWorker"/> over this backend stops.</summary>
    public async Task OnWorkerStoppedAsync(CancellationToken cancellationToken) => await this.ReleasePrefetchedMessagesAsync(cancellationToken);

    /// <summary>
    /// Makes messages this process received ahead of need visible again at once; otherwise they reappear only when
    /// their lock times out. <see cref="Worker.DurableTaskWorker.StopAsync"/> calls it (through
    /// <see cref="IOrchestrationServiceLifecycle"/>); other hosts call it on shutdown. Returns how many were released.
    /// </summary>
    public async Task<int> ReleasePrefetchedMessagesAsync(CancellationToken cancellationToken = default)
    {
        var released = 0;
        foreach (var received in this.controlReader.TakeAllWaiting())
        {
            await this.ReleaseMessageAsync(this.controlQueue, received, TimeSpan.Zero, requeue: false, hostOwned: false, cancellationToken);
            released++;
        }

        while (this.activityBuffer.TryDequeue(out var received))
        {
            await this.ReleaseMessageAsync(this.workItemQueue, received, TimeSpan.Zero, requeue: false, hostOwned: false, cancellationToken);
            released++;
        }

        return released;
    }

    /// <summary>
    /// Decodes a received message and filters out the ones that must not be processed now: poison messages (moved
    /// to the poison queue, instance failed) and timers not yet due (re-enqueued for the remaining delay).
    /// Returns null when the message was dealt with and must be deleted from its queue.
    /// </summary>
    private async Task<ReceivedMessage?> ScreenAsync(QueueClient queue, ReceivedRaw raw, CancellationToken cancellationToken)
    {
        var poisonQueue = queue == this.controlQueue ? this.controlPoisonQueue : this.workItemPoisonQueue;
        if (raw.DequeueCount > this.options.MaxDequeueCount)
        {
            // Checked before decoding, so a message that fails in decoding itself still ends in the poison queue.
            var envelope = MessageCodec.ParseEnvelopeOrNull(raw.Text);
            var reason = $"Message {envelope?.Id ?? raw.QueueMessageId} ({envelope?.Message?.Event.Kind ?? "offloaded"}) failed "
                + $"{raw.DequeueCount - 1} deliveries and was moved to queue '{poisonQueue.Name}'.";
            await this.MoveToPoisonAsync(queue, poisonQueue, raw, envelope, reason, cancellationToken);
            return null;
        }

        TaskMessage message;
        try
        {
            message = await this.codec.DecodeAsync(raw.Text, raw.DequeueCount, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or NotSupportedException
            || (ex is RequestFailedException { Status: 404 }))
        {
            // Malformed, or its payload blob is gone (the instance was purged): it can never be processed.
            Log.UnreadableMessage(this.logger, ex, raw.QueueMessageId, queue.Name);
            await this.MoveToPoisonAsync(queue, poisonQueue, raw, MessageCodec.ParseEnvelopeOrNull(raw.Text), "The message could not be read: " + ex.Message, cancellationToken);
            return null;
        }

        if (message.DeliverAt is { } due && this.sender.VisibilityFor(due) is { } delay)
        {
            Log.TimerChained(this.logger, message.MessageId, message.InstanceId, due);
            await this.sender.ResendRawAsync(queue, raw.Text, delay, cancellationToken);
            await DeleteRawAsync(queue, raw, cancellationToken);
            Interlocked.Increment(ref this.timerRequeues);
            return null;
        }

        return new ReceivedMessage(raw.QueueMessageId, raw.PopReceipt, raw.Text, message);
    }

    /// <summary>How many not-yet-due timer messages were re-enqueued (chained) by this process.</summary>
    public int TimerRequeues => Volatile.Read(ref this.timerRequeues);

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poisonQueue, ReceivedRaw raw, QueueEnvelope? envelope, string reason, CancellationToken cancellationToken)
    {
        var instanceId = envelope?.TargetInstanceId;
        Log.PoisonMessage(this.logger, envelope?.Id, instanceId, raw.DequeueCount, poisonQueue.Name);
        await this.sender.ResendRawAsync(poisonQueue, raw.Text, null, cancellationToken);
        if (instanceId is not null)
        {
            await this.FailInstanceAsync(instanceId, envelope?.Message?.ExecutionId, reason, cancellationToken);
        }

        await DeleteRawAsync(queue, raw, cancellationToken);
    }

    /// <summary>Makes a message visible again; with <paramref name="requeue"/> as a fresh copy, so this delivery does not count toward poison.</summary>
    private async Task ReleaseMessageAsync(QueueClient queue, ReceivedMessage received, TimeSpan delay, bool requeue, bool hostOwned, CancellationToken cancellationToken)
    {
        if (requeue)
        {
            await this.sender.ResendRawAsync(queue, received.Text, delay, cancellationToken);
            if (!hostOwned)
            {
                await DeleteMessageAsync(queue, received, cancellationToken);
            }

            return;
        }

        if (hostOwned || received.PopReceipt is null)
        {
            return;
        }

        try
        {
            await queue.UpdateMessageAsync(received.QueueMessageId, received.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The lock already expired and someone else holds the message now.
        }
    }

    private static Task DeleteMessageAsync(QueueClient queue, ReceivedMessage received, CancellationToken cancellationToken) =>
        DeleteRawAsync(queue, new ReceivedRaw(received.QueueMessageId, received.PopReceipt, received.Text, 0), cancellationToken);

    private static async Task DeleteRawAsync(QueueClient queue, ReceivedRaw raw, CancellationToken cancellationToken)
    {
        if (raw.PopReceipt is null)
        {
            return;
        }

        try
        {
            await queue.DeleteMessageAsync(raw.QueueMessageId, raw.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Lock expired and the message was redelivered; the redelivery will be de-duplicated.
        }
    }
}
