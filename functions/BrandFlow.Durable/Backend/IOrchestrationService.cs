namespace BrandFlow.Durable.Backend;

/// <summary>Why an orchestration work item is abandoned; a backend decides from it whether the delivery counts toward poison.</summary>
public enum AbandonReason
{
    /// <summary>Processing failed (the engine or the backend threw): the delivery counts toward <see cref="IOrchestrationService.MaxDeliveryCount"/>.</summary>
    Failure,

    /// <summary>
    /// The messages overtook the instance's start message (a delayed start, or a start still in flight) and must wait
    /// for it; the retry delay runs until the scheduled start time. Does not count toward the poison limit.
    /// </summary>
    Deferred,

    /// <summary>
    /// <see cref="IOrchestrationService.CompleteOrchestrationWorkItemAsync"/> threw <see cref="WorkItemLockLostException"/>:
    /// nothing was committed and the messages must be processed again from fresh state. Does not count toward the
    /// poison limit.
    /// </summary>
    LockLost,
}

/// <summary>
/// Worker side of a storage backend (modelled on DurableTask.Core's IOrchestrationService). Implementations must
/// be safe for concurrent use by many workers in many processes. Locks expire: a work item neither completed nor
/// abandoned before its lock expires becomes visible again, which is how a crashed process's work is recovered.
/// Backends call <see cref="IFaultInjectionHook"/> at <see cref="FaultPoint.AfterCommitBeforeSend"/> and
/// <see cref="FaultPoint.AfterSendBeforeAck"/> inside their complete methods.
/// </summary>
public interface IOrchestrationService
{
    /// <summary>
    /// The poison limit, owned by the backend: a message whose <see cref="TaskMessage.DequeueCount"/> is above it is
    /// not processed again; its instance is marked Failed with the reason (by the backend, or by the engine when the
    /// backend hands such a message out). Zero or less disables the check. Deliveries released with
    /// <see cref="AbandonReason.Deferred"/> or <see cref="AbandonReason.LockLost"/> do not count toward it.
    /// </summary>
    int MaxDeliveryCount { get; }

    /// <summary>
    /// Locks the next instance that has visible messages and returns it with all its visible messages and its
    /// current history and status row; returns null when there is nothing to do (callers back off).
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits an episode: atomically persists state and outbox, then sends the outbox, then deletes the consumed
    /// messages and releases the lock. Throws <see cref="WorkItemLockLostException"/> if another worker changed the
    /// instance since the work item was locked; it then has committed nothing and has not released the messages:
    /// the caller releases them with <see cref="AbandonOrchestrationWorkItemAsync"/> and
    /// <see cref="AbandonReason.LockLost"/>, and they are processed again from fresh state.
    /// </summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the lock without changes; the messages become visible again after <paramref name="retryDelay"/>
    /// (a backend may cap it at its longest visibility delay). Releasing a work item that was already completed or
    /// abandoned does nothing, so a second release is harmless. <paramref name="reason"/> decides whether this
    /// delivery counts toward <see cref="MaxDeliveryCount"/>: only <see cref="AbandonReason.Failure"/> does.
    /// </summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan retryDelay, AbandonReason reason, CancellationToken cancellationToken);

    /// <summary>Locks the next visible activity message, or returns null when there is none.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends the activity's response (a <see cref="TaskCompletedEvent"/> or <see cref="TaskFailedEvent"/> message to
    /// the orchestration) and then deletes the activity message. A crash in between redelivers the activity: the
    /// engine drops the duplicate response (same instance, execution and task scheduled id).
    /// </summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage responseMessage, CancellationToken cancellationToken);

    /// <summary>Releases the activity message so it is delivered again (optionally after a delay).</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, TimeSpan retryDelay, CancellationToken cancellationToken);
}

/// <summary>
/// Optional hook a backend may implement next to <see cref="IOrchestrationService"/>.
/// <see cref="Worker.DurableTaskWorker.StopAsync"/> calls it last, after polling stopped and in-flight work finished
/// or was abandoned, so the backend can release what it received ahead of need (prefetched messages) at once
/// instead of leaving it locked until its lock times out. Work starts with the first lock call, so there is no start
/// hook; queue-triggered hosts have no polling worker and do not call it.
/// </summary>
public interface IOrchestrationServiceLifecycle
{
    /// <summary>Releases what the backend holds for work not handed out yet. Called once per stopped worker.</summary>
    Task OnWorkerStoppedAsync(CancellationToken cancellationToken);
}

/// <summary>Client side of a storage backend (modelled on DurableTask.Core's IOrchestrationServiceClient).</summary>
public interface IOrchestrationServiceClient
{
    /// <summary>
    /// Creates an instance from its start message (event <see cref="ExecutionStartedEvent"/>): writes a Pending
    /// status row and sends the message. Throws <see cref="InstanceAlreadyExistsException"/> if the instance exists
    /// and is Pending, Running or Suspended. An instance in a terminal status is replaced: its old history, status
    /// and pending messages are removed first.
    /// </summary>
    Task CreateInstanceAsync(TaskMessage startMessage, CancellationToken cancellationToken);

    /// <summary>Sends a message to an instance: raise event, terminate, suspend or resume.</summary>
    Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken);

    /// <summary>Returns the instance's status row, or null if it does not exist.</summary>
    Task<OrchestrationState?> GetStateAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Returns one page of status rows matching the query, ordered by instance id.</summary>
    Task<InstanceQueryPage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken);

    /// <summary>Returns the current execution's history in order (empty if the instance does not exist).</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Removes every row, message and payload of one terminal instance; returns false if none was removed.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Removes every terminal instance matching the filter; returns how many were removed.</summary>
    Task<int> PurgeInstancesAsync(InstancePurgeFilter filter, CancellationToken cancellationToken);
}

/// <summary>Thrown when scheduling an instance id that is already Pending, Running or Suspended.</summary>
public sealed class InstanceAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception for an instance.</summary>
    public InstanceAlreadyExistsException(string instanceId, Client.OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists and is {status}; "
            + "only instances that have finished may be replaced.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The conflicting instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Its status.</summary>
    public Client.OrchestrationRuntimeStatus Status { get; }
}

/// <summary>Thrown by a backend when a work item's lock expired or its instance changed concurrently.</summary>
public sealed class WorkItemLockLostException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public WorkItemLockLostException(string instanceId)
        : base($"The lock on orchestration '{instanceId}' was lost or its state changed concurrently; the work item must be retried.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The instance whose lock was lost.</summary>
    public string InstanceId { get; }
}
