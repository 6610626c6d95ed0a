using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.InMemory;

/// <summary>
/// A complete backend held in process memory, for tests and local runs. Time comes from a <see cref="TimeProvider"/>
/// (a FakeTimeProvider lets a 30-day timer fire in milliseconds). It follows the same commit protocol as a durable
/// backend (state + outbox atomically, then send, then delete) and calls the fault hook between the steps, so crash
/// tests exercise the real recovery paths: expired locks, outbox re-send and redelivery.
/// </summary>
public sealed partial class InMemoryOrchestrationService : IOrchestrationService, IOrchestrationServiceClient
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, InstanceRecord> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QueuedMessage>> orchestrationQueues = new(StringComparer.Ordinal);
    private readonly List<QueuedMessage> activityQueue = [];
    private readonly TimeProvider timeProvider;
    private readonly IFaultInjectionHook faultHook;
    private long sequence;

    /// <summary>Creates an empty backend.</summary>
    public InMemoryOrchestrationService(TimeProvider? timeProvider = null, IFaultInjectionHook? faultInjectionHook = null)
    {
        this.timeProvider = timeProvider ?? TimeProvider.System;
        faultHook = faultInjectionHook ?? NoFaultInjection.Instance;
    }

    /// <summary>How long a lock (and a locked message's invisibility) lasts before others may take the work.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Number of messages (visible or not) waiting in the activity queue.</summary>
    public int ActivityQueueLength
    {
        get
        {
            lock (gate)
            {
                return activityQueue.Count;
            }
        }
    }

    /// <summary>Number of messages (visible or not) waiting for orchestration instances.</summary>
    public int OrchestrationQueueLength
    {
        get
        {
            lock (gate)
            {
                return orchestrationQueues.Values.Sum(q => q.Count);
            }
        }
    }

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <inheritdoc />
    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            DateTime now = Now;
            string? instanceId = null;
            long best = long.MaxValue;
            foreach ((string id, List<QueuedMessage> queue) in orchestrationQueues)
            {
                if (instances.TryGetValue(id, out InstanceRecord? locked) && locked.IsLocked(now))
                {
                    continue;
                }

                foreach (QueuedMessage queued in queue)
                {
                    if (queued.VisibleAt <= now && queued.Sequence < best)
                    {
                        best = queued.Sequence;
                        instanceId = id;
                    }
                }
            }

            if (instanceId is null)
            {
                return Task.FromResult<OrchestrationWorkItem?>(null);
            }

            if (!instances.TryGetValue(instanceId, out InstanceRecord? record))
            {
                record = new InstanceRecord();
                instances[instanceId] = record;
            }

            SendPendingOutbox(record, now);
            string lockId = Guid.NewGuid().ToString("N");
            record.LockId = lockId;
            record.LockExpiresAt = now + LockTimeout;
            var messages = new List<TaskMessage>();
            foreach (QueuedMessage queued in orchestrationQueues[instanceId].Where(q => q.VisibleAt <= now).OrderBy(q => q.Sequence))
            {
                queued.DequeueCount++;
                queued.LockId = lockId;
                queued.VisibleAt = now + LockTimeout;
                messages.Add(queued.Message with { DequeueCount = queued.DequeueCount });
            }

            return Task.FromResult<OrchestrationWorkItem?>(new OrchestrationWorkItem
            {
                InstanceId = instanceId,
                NewMessages = messages,
                History = record.History.ToList(),
                State = record.State,
                LockToken = new InstanceLock(lockId, record.ETag),
            });
        }
    }

    /// <inheritdoc />
    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(commit);
        var token = (InstanceLock)workItem.LockToken!;
        InstanceRecord record;
        lock (gate)
        {
            if (!instances.TryGetValue(workItem.InstanceId, out record!) || record.LockId != token.LockId || record.ETag != token.ETag)
            {
                throw new WorkItemLockLostException(workItem.InstanceId);
            }

            if (commit.IsContinueAsNew || commit.IsNewExecution)
            {
                record.History.Clear();
            }

            record.History.AddRange(commit.NewEvents);
            record.State = commit.State ?? record.State;
            record.Outbox.AddRange(commit.ActivityMessages.Select(m => (m, true)));
            record.Outbox.AddRange(commit.OrchestratorMessages.Concat(commit.TimerMessages).Select(m => (m, false)));
            record.ETag++;
        }

        faultHook.OnFaultPoint(FaultPoint.AfterCommitBeforeSend, WorkItemKind.Orchestration, workItem.InstanceId);
        lock (gate)
        {
            SendPendingOutbox(record, Now);
        }

        faultHook.OnFaultPoint(FaultPoint.AfterSendBeforeAck, WorkItemKind.Orchestration, workItem.InstanceId);
        lock (gate)
        {
            var consumed = new HashSet<string>(commit.ConsumedMessageIds, StringComparer.Ordinal);
            if (orchestrationQueues.TryGetValue(workItem.InstanceId, out List<QueuedMessage>? queue))
            {
                queue.RemoveAll(q => q.LockId == token.LockId && consumed.Contains(q.Message.MessageId));
                ReleaseMessages(queue, token.LockId, Now);
            }

            if (record.LockId == token.LockId)
            {
                record.LockId = null;
            }

            RemoveIfEmpty(workItem.InstanceId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, AbandonReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (InstanceLock)workItem.LockToken!;
        lock (gate)
        {
            if (orchestrationQueues.TryGetValue(workItem.InstanceId, out List<QueuedMessage>? queue))
            {
                // Only messages still held by this work item's lock are released, so a second release does nothing.
                // A deferral or a lost race takes back the delivery it counted, so it does not count toward poison.
                bool counts = reason == AbandonReason.Failure;
                foreach (QueuedMessage queued in queue.Where(q => q.LockId == token.LockId))
                {
                    queued.LockId = null;
                    queued.VisibleAt = Now + retryDelay;
                    if (!counts && queued.DequeueCount > 0)
                    {
                        queued.DequeueCount--;
                    }
                }
            }

            if (instances.TryGetValue(workItem.InstanceId, out InstanceRecord? record) && record.LockId == token.LockId)
            {
                record.LockId = null;
            }

            RemoveIfEmpty(workItem.InstanceId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            DateTime now = Now;
            QueuedMessage? next = activityQueue.Where(q => q.VisibleAt <= now).MinBy(q => q.Sequence);
            if (next is null)
            {
                return Task.FromResult<ActivityWorkItem?>(null);
            }

            next.DequeueCount++;
            next.LockId = Guid.NewGuid().ToString("N");
            next.VisibleAt = now + LockTimeout;
            return Task.FromResult<ActivityWorkItem?>(new ActivityWorkItem
            {
                Message = next.Message with { DequeueCount = next.DequeueCount },
                LockToken = new ActivityLock(next, next.LockId),
            });
        }
    }

    /// <inheritdoc />
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage responseMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        lock (gate)
        {
            Enqueue(responseMessage, activity: false, Now);
        }

        faultHook.OnFaultPoint(FaultPoint.AfterSendBeforeAck, WorkItemKind.Activity, workItem.Message.InstanceId);
        var token = (ActivityLock)workItem.LockToken!;
        lock (gate)
        {
            if (token.Queued.LockId == token.LockId)
            {
                activityQueue.Remove(token.Queued);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var token = (ActivityLock)workItem.LockToken!;
        lock (gate)
        {
            if (token.Queued.LockId == token.LockId)
            {
                token.Queued.LockId = null;
                token.Queued.VisibleAt = Now + retryDelay;
            }
        }

        return Task.CompletedTask;
    }

    private static void ReleaseMessages(List<QueuedMessage> queue, string lockId, DateTime visibleAt)
    {
        foreach (QueuedMessage queued in queue.Where(q => q.LockId == lockId))
        {
            queued.LockId = null;
            queued.VisibleAt = visibleAt;
        }
    }

    private void SendPendingOutbox(InstanceRecord record, DateTime now)
    {
        foreach ((TaskMessage message, bool activity) in record.Outbox)
        {
            Enqueue(message, activity, now);
        }

        record.Outbox.Clear();
    }

    private void Enqueue(TaskMessage message, bool activity, DateTime now)
    {
        var queued = new QueuedMessage(message with { DequeueCount = 0 }, ++sequence) { VisibleAt = message.DeliverAt ?? now };
        if (activity)
        {
            activityQueue.Add(queued);
            return;
        }

        if (!orchestrationQueues.TryGetValue(message.InstanceId, out List<QueuedMessage>? queue))
        {
            queue = [];
            orchestrationQueues[message.InstanceId] = queue;
        }

        queue.Add(queued);
    }

    private void RemoveIfEmpty(string instanceId)
    {
        if (orchestrationQueues.TryGetValue(instanceId, out List<QueuedMessage>? queue) && queue.Count == 0)
        {
            orchestrationQueues.Remove(instanceId);
        }

        if (instances.TryGetValue(instanceId, out InstanceRecord? record)
            && record.State is null && record.History.Count == 0 && record.Outbox.Count == 0 && record.LockId is null)
        {
            instances.Remove(instanceId);
        }
    }
}
