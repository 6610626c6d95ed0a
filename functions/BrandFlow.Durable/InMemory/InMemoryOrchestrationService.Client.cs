using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.InMemory;

/// <summary>Client-side operations of the in-memory backend.</summary>
public sealed partial class InMemoryOrchestrationService
{
    /// <inheritdoc />
    public Task CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        if (startMessage.Event is not ExecutionStartedEvent started)
        {
            throw new ArgumentException("The start message must carry an ExecutionStartedEvent.", nameof(startMessage));
        }

        lock (gate)
        {
            DateTime now = Now;
            if (instances.TryGetValue(started.InstanceId, out InstanceRecord? existing) && existing.State is { } state)
            {
                if (!state.RuntimeStatus.IsTerminal())
                {
                    throw new InstanceAlreadyExistsException(started.InstanceId, state.RuntimeStatus);
                }

                RemoveInstance(started.InstanceId);
            }

            if (!instances.TryGetValue(started.InstanceId, out InstanceRecord? record))
            {
                record = new InstanceRecord();
                instances[started.InstanceId] = record;
            }

            record.ETag++;
            record.State = OrchestrationState.Pending(started, now);
            Enqueue(startMessage, activity: false, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            Enqueue(message, message.Event is TaskScheduledEvent, Now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(instances.TryGetValue(instanceId, out InstanceRecord? record) ? record.State : null);
        }
    }

    /// <inheritdoc />
    public Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int pageSize = Math.Clamp(query.PageSize, 1, 1000);
        lock (gate)
        {
            List<OrchestrationState> matches = instances.Values
                .Select(r => r.State)
                .OfType<OrchestrationState>()
                .Where(s => query.ContinuationToken is null || string.CompareOrdinal(s.InstanceId, query.ContinuationToken) > 0)
                .Where(s => query.InstanceIdPrefix is null || s.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .Where(s => query.Statuses is not { Count: > 0 } || query.Statuses.Contains(s.RuntimeStatus))
                .Where(s => (query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom) && (query.CreatedTo is null || s.CreatedAt <= query.CreatedTo))
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
                .Take(pageSize + 1)
                .ToList();
            bool more = matches.Count > pageSize;
            List<OrchestrationState> page = matches.Take(pageSize)
                .Select(s => query.FetchInputsAndOutputs ? s : s.WithoutPayloads())
                .ToList();
            return Task.FromResult(new InstanceQueryPage(page, more ? page[^1].InstanceId : null));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<HistoryEvent> history = instances.TryGetValue(instanceId, out InstanceRecord? record) ? record.History.ToList() : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!instances.TryGetValue(instanceId, out InstanceRecord? record) || record.State is not { } state || !state.RuntimeStatus.IsTerminal())
            {
                return Task.FromResult(false);
            }

            RemoveInstance(instanceId);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<int> PurgeInstancesAsync(InstancePurgeFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (gate)
        {
            List<string> doomed = instances.Values
                .Select(r => r.State)
                .OfType<OrchestrationState>()
                .Where(s => s.RuntimeStatus.IsTerminal())
                .Where(s => filter.Statuses is not { Count: > 0 } || filter.Statuses.Contains(s.RuntimeStatus))
                .Where(s => (filter.CreatedFrom is null || s.CreatedAt >= filter.CreatedFrom) && (filter.CreatedTo is null || s.CreatedAt <= filter.CreatedTo))
                .Select(s => s.InstanceId)
                .ToList();
            doomed.ForEach(RemoveInstance);
            return Task.FromResult(doomed.Count);
        }
    }

    private void RemoveInstance(string instanceId)
    {
        instances.Remove(instanceId);
        orchestrationQueues.Remove(instanceId);
        activityQueue.RemoveAll(q => q.Message.InstanceId == instanceId && q.LockId is null);
    }

    /// <summary>Stored state of one instance.</summary>
    private sealed class InstanceRecord
    {
        public OrchestrationState? State { get; set; }

        public List<HistoryEvent> History { get; } = [];

        public List<(TaskMessage Message, bool Activity)> Outbox { get; } = [];

        public long ETag { get; set; }

        public string? LockId { get; set; }

        public DateTime LockExpiresAt { get; set; }

        public bool IsLocked(DateTime now) => LockId is not null && LockExpiresAt > now;
    }

    /// <summary>A message in a queue, with its visibility and delivery count.</summary>
    private sealed class QueuedMessage(TaskMessage message, long sequence)
    {
        public TaskMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public DateTime VisibleAt { get; set; }

        public int DequeueCount { get; set; }

        public string? LockId { get; set; }
    }

    /// <summary>Lock token of an orchestration work item: the lock id and the ETag read at lock time.</summary>
    private sealed record InstanceLock(string LockId, long ETag);

    /// <summary>Lock token of an activity work item.</summary>
    private sealed record ActivityLock(QueuedMessage Queued, string LockId);
}
