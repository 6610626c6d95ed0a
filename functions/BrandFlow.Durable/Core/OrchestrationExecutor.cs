using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Durable.Core;

/// <summary>
/// The replay engine: re-runs orchestrator code over the stored history (checking that the code schedules the same
/// steps), then applies the episode's new events. Cost is linear in history length plus new events.
/// </summary>
internal sealed class OrchestrationExecutor(DurableTaskRegistry registry, DataConverter converter, ILoggerFactory loggerFactory)
{
    private DurableTaskRegistry Registry => registry;

    private DataConverter Converter => converter;

    private ILoggerFactory LoggerFactory => loggerFactory;

    /// <summary>Runs one episode over <paramref name="past"/> then <paramref name="newEvents"/>.</summary>
    public EpisodeOutcome Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
    {
        var syncContext = new OrchestrationSynchronizationContext();
        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(syncContext);
        try
        {
            var run = new Run(this, syncContext);
            return run.Execute(past, newEvents);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Failure details of an exception thrown by orchestrator code.</summary>
    internal static TaskFailureDetails ToFailureDetails(Exception exception) => exception is TaskFailedException taskFailed
        ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, taskFailed.Message, taskFailed.StackTrace, taskFailed.FailureDetails)
        : TaskFailureDetails.FromException(exception);

    private sealed class Run(OrchestrationExecutor owner, OrchestrationSynchronizationContext syncContext)
    {
        private readonly EpisodeOutcome outcome = new();
        private readonly List<HistoryEvent> deferredWhileSuspended = [];
        private OrchestrationContextImpl? context;
        private Task<object?>? orchestratorTask;
        private DateTime currentTime;
        private bool suspended;
        private bool terminated;
        private IReadOnlyList<HistoryEvent> unappliedNewEvents = [];

        public EpisodeOutcome Execute(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents)
        {
            try
            {
                foreach (HistoryEvent historyEvent in past)
                {
                    outcome.ReplayedEvents++;
                    Apply(historyEvent, replaying: true);
                }

                foreach (HistoryEvent historyEvent in newEvents)
                {
                    if (terminated || outcome.Failure is not null || orchestratorTask is { IsCompleted: true })
                    {
                        break;
                    }

                    outcome.AppliedNewEvents++;
                    Apply(historyEvent, replaying: false);
                }

                // Events that arrived in this batch after the orchestrator finished: carried over by ContinueAsNew.
                unappliedNewEvents = newEvents.Skip(outcome.AppliedNewEvents).ToList();
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                Fail(TaskFailureDetails.FromException(ex));
                return outcome;
            }

            Finish();
            return outcome;
        }

        private void Apply(HistoryEvent historyEvent, bool replaying)
        {
            if (outcome.Failure is not null)
            {
                return;
            }

            if (context is not null)
            {
                context.Replaying = replaying;
            }

            switch (historyEvent)
            {
                case OrchestratorStartedEvent:
                    // Normalized so replay-derived values (NewGuid names) do not depend on how a backend stored the kind.
                    currentTime = DateTime.SpecifyKind(historyEvent.Timestamp, DateTimeKind.Utc);
                    if (context is not null)
                    {
                        context.CurrentTime = currentTime;
                    }

                    break;
                case ExecutionStartedEvent started:
                    Start(started, replaying);
                    break;
                case ExecutionTerminatedEvent terminatedEvent:
                    terminated = true;
                    outcome.Output = terminatedEvent.Input;
                    break;
                case ExecutionSuspendedEvent:
                    suspended = true;
                    break;
                case ExecutionResumedEvent:
                    suspended = false;
                    foreach (HistoryEvent deferred in deferredWhileSuspended)
                    {
                        DeliverToCode(deferred);
                    }

                    deferredWhileSuspended.Clear();
                    break;
                case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent:
                    if (context is null)
                    {
                        throw new NonDeterministicOrchestrationException(historyEvent.EventId, OrchestrationAction.Describe(historyEvent), "no running orchestrator");
                    }

                    context.MatchScheduledEvent(historyEvent);
                    break;
                case OrchestratorCompletedEvent or ExecutionCompletedEvent or ContinueAsNewEvent:
                    break;
                default:
                    if (suspended)
                    {
                        deferredWhileSuspended.Add(historyEvent);
                    }
                    else
                    {
                        DeliverToCode(historyEvent);
                    }

                    break;
            }

            syncContext.RunPending();
        }

        private void DeliverToCode(HistoryEvent historyEvent)
        {
            if (context is null)
            {
                return;
            }

            switch (historyEvent)
            {
                case TaskCompletedEvent e:
                    context.CompleteTask(e.TaskScheduledId, e.Result, null);
                    break;
                case TaskFailedEvent e:
                    context.CompleteTask(e.TaskScheduledId, null, e.FailureDetails);
                    break;
                case SubOrchestrationInstanceCompletedEvent e:
                    context.CompleteTask(e.TaskScheduledId, e.Result, null);
                    break;
                case SubOrchestrationInstanceFailedEvent e:
                    context.CompleteTask(e.TaskScheduledId, null, e.FailureDetails);
                    break;
                case TimerFiredEvent e:
                    context.CompleteTask(e.TimerId, null, null);
                    break;
                case EventRaisedEvent e:
                    context.RaiseEvent(e.Name, e.Input);
                    break;
            }

            syncContext.RunPending();
        }

        private void Start(ExecutionStartedEvent started, bool replaying)
        {
            outcome.Started = started;
            if (!owner.Registry.TryCreateOrchestrator(started.Name, out ITaskOrchestrator? orchestrator, out string registeredVersion))
            {
                Fail(new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No orchestrator named '{started.Name}' is registered with this worker."));
                return;
            }

            outcome.Version = started.Version.Length > 0 ? started.Version : registeredVersion;
            context = new OrchestrationContextImpl(started, outcome.Version, owner.Converter, owner.LoggerFactory)
            {
                CurrentTime = currentTime == default ? started.Timestamp : currentTime,
                Replaying = replaying,
            };

            try
            {
                object? input = owner.Converter.Deserialize(started.Input, orchestrator!.InputType);
                orchestratorTask = orchestrator.RunAsync(context, input);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
            {
                Fail(TaskFailureDetails.FromException(ex));
            }
        }

        private void Fail(TaskFailureDetails details)
        {
            outcome.Failure ??= details;
            outcome.Status = OrchestrationRuntimeStatus.Failed;
        }

        private void Finish()
        {
            outcome.CustomStatus = context?.CustomStatus;
            if (outcome.Failure is not null)
            {
                return;
            }

            if (terminated)
            {
                outcome.Status = OrchestrationRuntimeStatus.Terminated;
                return;
            }

            outcome.NewActions = context?.UnmatchedActions.ToList() ?? [];
            if (orchestratorTask is null || !orchestratorTask.IsCompleted)
            {
                outcome.Status = suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
                return;
            }

            if (orchestratorTask.IsCompletedSuccessfully)
            {
                if (context!.ContinueAsNewRequest is { } request)
                {
                    outcome.Status = OrchestrationRuntimeStatus.ContinuedAsNew;
                    outcome.ContinueAsNewInput = request.Input;
                    outcome.CarriedEvents = request.PreserveEvents
                        ? context.UnconsumedEvents.Concat(unappliedNewEvents.OfType<EventRaisedEvent>().Select(e => (e.Name, e.Input))).ToList()
                        : [];
                    return;
                }

                outcome.Status = OrchestrationRuntimeStatus.Completed;
                // The task has completed, so reading its result does not block.
#pragma warning disable VSTHRD002
                outcome.Output = owner.Converter.Serialize(orchestratorTask.Result);
#pragma warning restore VSTHRD002
                return;
            }

            Exception exception = orchestratorTask.Exception?.InnerException ?? new TaskCanceledException(orchestratorTask);
            Fail(ToFailureDetails(exception));
        }
    }
}
