using Azure.Storage.Queues;

namespace BrandFlow.Durable.AzureStorage;

/// <summary>
/// Receives control-queue messages in batches and hands them out grouped by instance. At most one work item per
/// instance is out at a time in this process; messages that arrive for a locked instance wait in memory and join
/// its next work item. Across processes, ETag concurrency on the instance row decides.
/// </summary>
internal sealed class ControlQueueReader
{
    private readonly QueueClient queue;
    private readonly AzureStorageOrchestrationServiceOptions options;
    private readonly Func<ReceivedRaw, CancellationToken, Task<ReceivedMessage?>> screen;
    private readonly Dictionary<string, Dictionary<string, ReceivedMessage>> pending = new(StringComparer.Ordinal);
    private readonly List<string> readyOrder = [];
    private readonly HashSet<string> locked = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly SemaphoreSlim receiveGate = new(1, 1);

    public ControlQueueReader(QueueClient queue, AzureStorageOrchestrationServiceOptions options, Func<ReceivedRaw, CancellationToken, Task<ReceivedMessage?>> screen)
    {
        this.queue = queue;
        this.options = options;
        this.screen = screen;
    }

    /// <summary>Returns the next unlocked instance with its pending messages, receiving from the queue if needed.</summary>
    public async Task<(string InstanceId, List<ReceivedMessage> Messages)?> TakeNextAsync(CancellationToken cancellationToken)
    {
        if (this.TryTake(out var ready))
        {
            return ready;
        }

        await this.receiveGate.WaitAsync(cancellationToken);
        try
        {
            if (this.TryTake(out ready))
            {
                return ready;
            }

            var response = await this.queue.ReceiveMessagesAsync(this.options.ReceiveBatchSize, this.options.LockTimeout, cancellationToken);
            foreach (var raw in response.Value)
            {
                var received = await this.screen(new ReceivedRaw(raw.MessageId, raw.PopReceipt, raw.Body.ToString(), (int)raw.DequeueCount), cancellationToken);
                if (received is not null)
                {
                    this.Add(received);
                }
            }
        }
        finally
        {
            this.receiveGate.Release();
        }

        return this.TryTake(out ready) ? ready : null;
    }

    /// <summary>Marks an instance as locked by a caller that got its messages elsewhere (queue trigger); false if busy.</summary>
    public bool TryLock(string instanceId)
    {
        lock (this.gate)
        {
            return this.locked.Add(instanceId);
        }
    }

    /// <summary>Unlocks an instance so its waiting messages can be handed out.</summary>
    public void Release(string instanceId)
    {
        lock (this.gate)
        {
            this.locked.Remove(instanceId);
            if (this.pending.ContainsKey(instanceId) && !this.readyOrder.Contains(instanceId))
            {
                this.readyOrder.Add(instanceId);
            }
        }
    }

    /// <summary>Puts messages back for a later work item (after a failed read of the instance state).</summary>
    public void Return(IEnumerable<ReceivedMessage> messages)
    {
        foreach (var message in messages)
        {
            this.Add(message);
        }
    }

    /// <summary>Removes and returns every waiting message of instances not locked now (to release them on shutdown).</summary>
    public List<ReceivedMessage> TakeAllWaiting()
    {
        lock (this.gate)
        {
            var taken = new List<ReceivedMessage>();
            foreach (var instanceId in this.pending.Keys.Where(id => !this.locked.Contains(id)).ToList())
            {
                taken.AddRange(this.pending[instanceId].Values);
                this.pending.Remove(instanceId);
                this.readyOrder.Remove(instanceId);
            }

            return taken;
        }
    }

    /// <summary>Forgets waiting messages of an instance (after a simulated crash they come back through the queue).</summary>
    public void Drop(string instanceId)
    {
        lock (this.gate)
        {
            this.pending.Remove(instanceId);
            this.readyOrder.Remove(instanceId);
        }
    }

    private void Add(ReceivedMessage received)
    {
        var instanceId = received.Message.InstanceId;
        lock (this.gate)
        {
            if (!this.pending.TryGetValue(instanceId, out var messages))
            {
                this.pending[instanceId] = messages = new Dictionary<string, ReceivedMessage>(StringComparer.Ordinal);
                if (!this.locked.Contains(instanceId))
                {
                    this.readyOrder.Add(instanceId);
                }
            }

            // A redelivery of a message still waiting here replaces the old receipt.
            messages[received.QueueMessageId] = received;
        }
    }

    private bool TryTake(out (string InstanceId, List<ReceivedMessage> Messages)? ready)
    {
        lock (this.gate)
        {
            for (var i = 0; i < this.readyOrder.Count; i++)
            {
                var instanceId = this.readyOrder[i];
                if (this.locked.Contains(instanceId))
                {
                    continue;
                }

                this.readyOrder.RemoveAt(i);
                if (this.pending.Remove(instanceId, out var messages))
                {
                    // Messages whose lock is about to expire are left to the queue's redelivery.
                    var fresh = messages.Values.Where(m => !m.IsStale(this.options.LockTimeout)).ToList();
                    if (fresh.Count > 0)
                    {
                        this.locked.Add(instanceId);
                        ready = (instanceId, fresh);
                        return true;
                    }
                }

                i--;
            }
        }

        ready = null;
        return false;
    }
}

/// <summary>A queue message as received, before decoding.</summary>
/// <param name="QueueMessageId">Queue-assigned id.</param>
/// <param name="PopReceipt">Receipt, or null when the Functions host owns the message.</param>
/// <param name="Text">Message text (already Base64-decoded).</param>
/// <param name="DequeueCount">Deliveries so far, including this one.</param>
internal sealed record ReceivedRaw(string QueueMessageId, string? PopReceipt, string Text, int DequeueCount);
