using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Durable.Worker;

/// <summary>
/// Processes one orchestration work item: replay, apply the new messages, commit. This is the entry point for any
/// host: the polling <see cref="DurableTaskWorker"/> calls it, and so can an Azure Functions queue trigger that built
/// the work item from one queue message. It owns no loop and no threads.
/// </summary>
public sealed class OrchestrationDispatcher
{
    private readonly IOrchestrationService service;
    private readonly DurableTaskWorkerOptions options;
    private readonly EpisodePlanner planner;
    private readonly ILogger logger;
    private long replayedEvents;
    private long episodes;

    /// <summary>Creates a dispatcher over a backend and a registry.</summary>
    public OrchestrationDispatcher(IOrchestrationService service, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(registry);
        this.service = service;
        this.options = options ?? new DurableTaskWorkerOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        logger = loggerFactory.CreateLogger<OrchestrationDispatcher>();
        planner = new EpisodePlanner(new OrchestrationExecutor(registry, this.options.DataConverter, loggerFactory));
    }

    /// <summary>Total history events replayed by this dispatcher (a cost counter: linear, not quadratic, in history).</summary>
    public long ReplayedEventCount => Interlocked.Read(ref replayedEvents);

    /// <summary>Total episodes committed by this dispatcher.</summary>
    public long EpisodeCount => Interlocked.Read(ref episodes);

    /// <summary>
    /// Processes a locked work item and completes it. Throws when the backend fails (after abandoning the work item)
    /// so a queue-triggered host lets the message be retried; a lost lock is not an error (the work item is abandoned
    /// with <see cref="AbandonReason.LockLost"/> and processed again from fresh state).
    /// </summary>
    public async Task ProcessOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        DateTime now = options.TimeProvider.GetUtcNow().UtcDateTime;
        int maxDeliveryCount = service.MaxDeliveryCount;
        TaskMessage? poison = maxDeliveryCount > 0
            ? workItem.NewMessages.FirstOrDefault(m => m.DequeueCount > maxDeliveryCount)
            : null;
        EpisodePlan plan;
        try
        {
            plan = planner.Plan(workItem, now);
        }
        catch (Exception ex) when (poison is null)
        {
            Log.OrchestrationWorkItemFailed(logger, workItem.InstanceId, ex);
            await service.AbandonOrchestrationWorkItemAsync(workItem, options.AbandonDelay, AbandonReason.Failure, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            Log.OrchestrationWorkItemFailed(logger, workItem.InstanceId, ex);
            plan = new EpisodePlan(null, 0);
        }

        Interlocked.Add(ref replayedEvents, plan.ReplayedEvents);
        if (plan.Commit is null && plan.Deferred)
        {
            // Messages that overtook their start wait for it (until a delayed start is due); the reason tells the
            // backend that this is not poison.
            Log.EpisodeDeferred(logger, workItem.InstanceId);
            DateTime? startAt = workItem.State?.ScheduledStartTime;
            TimeSpan delay = startAt > now + options.AbandonDelay ? startAt.Value - now : options.AbandonDelay;
            await service.AbandonOrchestrationWorkItemAsync(workItem, delay, AbandonReason.Deferred, CancellationToken.None);
            return;
        }

        if (poison is not null)
        {
            // Processing this batch has failed repeatedly (a crash loop): fail the instance with the reason instead.
            Log.PoisonMessage(logger, workItem.InstanceId, poison.MessageId, poison.DequeueCount);
            var failure = new TaskFailureDetails(
                "PoisonMessage",
                $"Message {poison.MessageId} ({poison.Event.Kind}) was delivered {poison.DequeueCount} times without being processed.");
            plan = new EpisodePlan(EpisodePlanner.PlanFailure(workItem, now, failure), 0);
        }

        if (plan.Commit is null)
        {
            await service.AbandonOrchestrationWorkItemAsync(workItem, options.AbandonDelay, AbandonReason.Failure, CancellationToken.None);
            return;
        }

        try
        {
            options.FaultInjectionHook.OnFaultPoint(FaultPoint.AfterLockBeforeCommit, WorkItemKind.Orchestration, workItem.InstanceId);
            await service.CompleteOrchestrationWorkItemAsync(workItem, plan.Commit, cancellationToken);
        }
        catch (WorkItemLockLostException)
        {
            // Nothing was committed; the contract leaves releasing the messages to the caller.
            Log.LockLost(logger, workItem.InstanceId);
            await service.AbandonOrchestrationWorkItemAsync(workItem, options.AbandonDelay, AbandonReason.LockLost, CancellationToken.None);
            return;
        }
        catch (Exception ex) when (ex is not InjectedFaultException)
        {
            Log.OrchestrationWorkItemFailed(logger, workItem.InstanceId, ex);
            await service.AbandonOrchestrationWorkItemAsync(workItem, options.AbandonDelay, AbandonReason.Failure, CancellationToken.None);
            throw;
        }

        Interlocked.Increment(ref episodes);
        OrchestrationState? state = plan.Commit.State;
        if (state is not null)
        {
            Log.EpisodeCompleted(logger, workItem.InstanceId, workItem.NewMessages.Count, plan.ReplayedEvents, state.RuntimeStatus.ToString());
            if (state.FailureDetails is { } failed)
            {
                Log.OrchestrationFailed(logger, workItem.InstanceId, failed.Summary);
            }
        }
    }
}
