using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Decorates the backend the gRPC sidecar dispatches from, closing the sidecar's defects before the backend sees them:
/// protobuf tag maps become dictionaries, the sidecar's <c>GrpcSubOrchestrationInstanceCreatedEvent</c> becomes a plain
/// <see cref="SubOrchestrationInstanceCreatedEvent"/>, a cancelled fetch throws instead of returning null (the dispatch
/// loop spun on null at shutdown), running activities keep their queue lock, and work items stuck with a worker that
/// went away are abandoned at shutdown, and a redelivered start of a running instance is dropped.
/// </summary>
internal sealed class SidecarCompatibleOrchestrationService : IOrchestrationService, IAsyncDisposable
{
    private readonly IOrchestrationService inner;
    private readonly ILogger logger;
    private readonly ActivityLockRenewer? renewer;
    private readonly InFlightWorkItems inFlight = new();
    private readonly object stopLock = new();
    private int started;
    private Task? backendStopped;

    /// <summary>Wraps <paramref name="inner"/>; a non-null <paramref name="activityLockTimeout"/> turns on lock renewal.</summary>
    public SidecarCompatibleOrchestrationService(IOrchestrationService inner, TimeSpan? activityLockTimeout, ILogger logger)
    {
        this.inner = inner;
        this.logger = logger;
        this.renewer = activityLockTimeout is { } timeout ? new ActivityLockRenewer(inner, timeout, logger) : null;
    }

    /// <inheritdoc/>
    public int TaskOrchestrationDispatcherCount => this.inner.TaskOrchestrationDispatcherCount;

    /// <inheritdoc/>
    public int MaxConcurrentTaskOrchestrationWorkItems => this.inner.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc/>
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => this.inner.EventBehaviourForContinueAsNew;

    /// <inheritdoc/>
    public int TaskActivityDispatcherCount => this.inner.TaskActivityDispatcherCount;

    /// <inheritdoc/>
    public int MaxConcurrentTaskActivityWorkItems => this.inner.MaxConcurrentTaskActivityWorkItems;

    /// <inheritdoc/>
    public Task StartAsync()
    {
        Interlocked.Exchange(ref this.started, 1);
        return this.inner.StartAsync();
    }

    /// <inheritdoc/>
    public Task StopAsync() => this.StopAsync(isForced: false);

    /// <summary>Stops the backend once (the sidecar and the engine's shutdown both ask), and only if it was started.</summary>
    public Task StopAsync(bool isForced)
    {
        lock (this.stopLock)
        {
            this.backendStopped ??= Volatile.Read(ref this.started) == 0 ? Task.CompletedTask : this.inner.StopAsync(isForced);
            return this.backendStopped;
        }
    }

    /// <summary>Stops lock renewal and abandons every work item still unsettled (call after the worker has stopped).</summary>
    public async Task AbandonInFlightAsync()
    {
        if (this.renewer is not null)
        {
            await this.renewer.DisposeAsync().ConfigureAwait(false);
        }

        var abandoned = await this.inFlight.AbandonAllAsync(this.inner).ConfigureAwait(false);
        if (abandoned > 0)
        {
            Log.InFlightWorkItemsAbandoned(this.logger, abandoned);
        }
    }

    /// <inheritdoc/>
    public Task CreateAsync() => this.inner.CreateAsync();

    /// <inheritdoc/>
    public Task CreateAsync(bool recreateInstanceStore) => this.inner.CreateAsync(recreateInstanceStore);

    /// <inheritdoc/>
    public Task CreateIfNotExistsAsync() => this.inner.CreateIfNotExistsAsync();

    /// <inheritdoc/>
    public Task DeleteAsync() => this.inner.DeleteAsync();

    /// <inheritdoc/>
    public Task DeleteAsync(bool deleteInstanceStore) => this.inner.DeleteAsync(deleteInstanceStore);

    /// <inheritdoc/>
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        this.inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => this.inner.GetDelayInSecondsAfterOnProcessException(exception);

    /// <inheritdoc/>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => this.inner.GetDelayInSecondsAfterOnFetchException(exception);

    /// <inheritdoc/>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await this.inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            // The sidecar's loop only leaves on OperationCanceledException; a null from a cancelled fetch made it spin.
            await this.WaitForCancellationIfStoppedAsync(cancellationToken).ConfigureAwait(false);
            return null!;
        }

        DuplicateStartFilter.Apply(workItem, this.logger);
        this.inFlight.Add(workItem);
        return workItem;
    }

    /// <inheritdoc/>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => this.inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    /// <inheritdoc/>
    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        if (!this.inFlight.TrySettle(workItem))
        {
            return; // abandoned at shutdown
        }

        SidecarHistoryRepair.Repair(newOrchestrationRuntimeState, orchestratorMessages, orchestrationState, this.logger);
        FailureOutputRepair.Repair(newOrchestrationRuntimeState, orchestrationState);
        await this.inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        this.inFlight.TrySettle(workItem) ? this.inner.AbandonTaskOrchestrationWorkItemAsync(workItem) : Task.CompletedTask;

    /// <inheritdoc/>
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        // The sidecar releases after completing or abandoning; a work item abandoned at shutdown was released then.
        if (this.inFlight.WasReleasedAtShutdown(workItem))
        {
            return Task.CompletedTask;
        }

        this.inFlight.TrySettle(workItem);
        return this.inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    /// <inheritdoc/>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await this.inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            await this.WaitForCancellationIfStoppedAsync(cancellationToken).ConfigureAwait(false);
            return null!;
        }

        this.inFlight.Add(workItem);
        this.renewer?.Start(workItem);
        return workItem;
    }

    /// <inheritdoc/>
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => this.inner.RenewTaskActivityWorkItemLockAsync(workItem);

    /// <inheritdoc/>
    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        if (this.renewer is not null)
        {
            await this.renewer.StopAsync(workItem).ConfigureAwait(false);
        }

        if (!this.inFlight.TrySettle(workItem))
        {
            return; // abandoned at shutdown
        }

        await this.inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        if (this.renewer is not null)
        {
            await this.renewer.StopAsync(workItem).ConfigureAwait(false);
        }

        if (!this.inFlight.TrySettle(workItem))
        {
            return;
        }

        await this.inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
    }

    /// <summary>
    /// After a cancelled fetch, or once the backend has stopped (it then returns null at once), waits for the sidecar's
    /// cancellation and throws, instead of handing the dispatch loop a null it would spin on.
    /// </summary>
    private async Task WaitForCancellationIfStoppedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref this.backendStopped) is not null)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.renewer is not null)
        {
            await this.renewer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
