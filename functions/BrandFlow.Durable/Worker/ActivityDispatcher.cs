using BrandFlow.Durable.Backend;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandFlow.Durable.Worker;

/// <summary>
/// Runs one activity work item and sends its result to the orchestration. Like <see cref="OrchestrationDispatcher"/>
/// it is callable from any host (polling worker or queue trigger).
/// </summary>
public sealed class ActivityDispatcher
{
    private readonly IOrchestrationService service;
    private readonly DurableTaskRegistry registry;
    private readonly DurableTaskWorkerOptions options;
    private readonly ILogger logger;

    /// <summary>Creates a dispatcher over a backend and a registry.</summary>
    public ActivityDispatcher(IOrchestrationService service, DurableTaskRegistry registry, DurableTaskWorkerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(registry);
        this.service = service;
        this.registry = registry;
        this.options = options ?? new DurableTaskWorkerOptions();
        logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ActivityDispatcher>();
    }

    /// <summary>
    /// Runs the activity and completes the work item with a TaskCompleted or TaskFailed response. When
    /// <paramref name="cancellationToken"/> fires during the run (shutdown), the work item is abandoned for a retry.
    /// </summary>
    public async Task ProcessActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        TaskScheduledEvent scheduled = workItem.TaskScheduled;
        HistoryEvent response;
        try
        {
            response = await RunAsync(workItem, scheduled, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await service.AbandonActivityWorkItemAsync(workItem, TimeSpan.Zero, CancellationToken.None);
            return;
        }

        var message = new TaskMessage
        {
            // Deterministic id: a second run of the same delivery produces a response the engine recognises.
            MessageId = workItem.Message.MessageId + ":response",
            InstanceId = workItem.Message.InstanceId,
            ExecutionId = workItem.Message.ExecutionId,
            Event = response,
        };

        try
        {
            options.FaultInjectionHook.OnFaultPoint(FaultPoint.AfterLockBeforeCommit, WorkItemKind.Activity, workItem.Message.InstanceId);
            await service.CompleteActivityWorkItemAsync(workItem, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not InjectedFaultException)
        {
            Log.ActivityWorkItemFailed(logger, scheduled.Name, workItem.Message.InstanceId, scheduled.EventId, ex);
            await service.AbandonActivityWorkItemAsync(workItem, options.AbandonDelay, CancellationToken.None);
            throw;
        }

        Log.ActivityCompleted(logger, scheduled.Name, workItem.Message.InstanceId, scheduled.EventId, response.Kind);
    }

    private async Task<HistoryEvent> RunAsync(ActivityWorkItem workItem, TaskScheduledEvent scheduled, CancellationToken cancellationToken)
    {
        DateTime now() => options.TimeProvider.GetUtcNow().UtcDateTime;
        if (!registry.TryCreateActivity(scheduled.Name, out ITaskActivity? activity))
        {
            var notFound = new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!,
                $"No activity named '{scheduled.Name}' is registered with this worker.");
            return new TaskFailedEvent { TaskScheduledId = scheduled.EventId, FailureDetails = notFound, Timestamp = now() };
        }

        try
        {
            object? input = options.DataConverter.Deserialize(scheduled.Input, activity!.InputType);
            var context = new ActivityContext(scheduled, workItem, cancellationToken);
            object? result = await activity.RunAsync(context, input);
            return new TaskCompletedEvent { TaskScheduledId = scheduled.EventId, Result = options.DataConverter.Serialize(result), Timestamp = now() };
        }
        catch (Exception ex) when (ex is not InjectedFaultException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return new TaskFailedEvent { TaskScheduledId = scheduled.EventId, FailureDetails = TaskFailureDetails.FromException(ex), Timestamp = now() };
        }
    }

    private sealed class ActivityContext(TaskScheduledEvent scheduled, ActivityWorkItem workItem, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name { get; } = new(scheduled.Name, scheduled.Version);

        public override string InstanceId => workItem.Message.InstanceId;

        public override string IdempotencyKey => workItem.DedupeKey;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
