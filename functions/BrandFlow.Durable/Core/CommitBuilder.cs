using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.Core;

/// <summary>Assembles the commit of one episode from its outcome: history additions, status row and outbox.</summary>
internal sealed class CommitBuilder(OrchestrationWorkItem workItem, OrchestrationState? state, ExecutionStartedEvent started, EpisodeOutcome outcome, DateTime now)
{
    /// <summary>The episode started a new execution over a finished one.</summary>
    public bool NewExecution { get; init; }

    /// <summary>Builds the commit; <paramref name="newEvents"/> are the applied new events, starting with OrchestratorStarted.</summary>
    public OrchestrationCommit Build(IReadOnlyList<HistoryEvent> newEvents, IReadOnlyList<TaskMessage> extraMessages)
    {
        var history = new List<HistoryEvent>(newEvents);
        var activities = new List<TaskMessage>();
        var orchestrations = new List<TaskMessage>(extraMessages);
        var timers = new List<TaskMessage>();
        OrchestrationRuntimeStatus status = outcome.Status;
        bool keepActions = status is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
        if (keepActions)
        {
            foreach (OrchestrationAction action in outcome.NewActions)
            {
                history.Add(action.HistoryEvent);
                (action.Destination switch
                {
                    ActionDestination.Activity => activities,
                    ActionDestination.Timer => timers,
                    _ => orchestrations,
                }).Add(action.Message);
            }
        }

        string executionId = started.ExecutionId;
        string? input = started.Input;
        switch (status)
        {
            case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed:
                history.Add(new ExecutionCompletedEvent { Status = status, Result = outcome.Output, FailureDetails = outcome.Failure, Timestamp = now });
                break;
            case OrchestrationRuntimeStatus.ContinuedAsNew:
                executionId = Guid.NewGuid().ToString("N");
                input = outcome.ContinueAsNewInput;
                history.Add(new ContinueAsNewEvent { Input = input, NewExecutionId = executionId, Timestamp = now });
                orchestrations.AddRange(ContinueAsNewMessages(executionId));
                break;
        }

        history.Add(new OrchestratorCompletedEvent { Timestamp = now });
        if (ParentNotification() is { } toParent)
        {
            orchestrations.Add(toParent);
        }

        bool continued = status == OrchestrationRuntimeStatus.ContinuedAsNew;
        return new OrchestrationCommit
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = executionId,
            NewEvents = continued ? [] : history,
            IsContinueAsNew = continued,
            IsNewExecution = NewExecution && !continued,
            State = BuildState(continued ? OrchestrationRuntimeStatus.Running : status, executionId, input, continued),
            ActivityMessages = activities,
            OrchestratorMessages = orchestrations,
            TimerMessages = timers,
            ConsumedMessageIds = workItem.NewMessages.Select(m => m.MessageId).ToList(),
        };
    }

    private OrchestrationState BuildState(OrchestrationRuntimeStatus status, string executionId, string? input, bool continued)
    {
        bool terminal = status.IsTerminal();
        return new OrchestrationState
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = executionId,
            Name = started.Name,
            Version = outcome.Version,
            RuntimeStatus = status,
            CreatedAt = NewExecution || state is null ? now : state.CreatedAt,
            LastUpdatedAt = now,
            CompletedAt = terminal ? now : null,
            ScheduledStartTime = started.ScheduledStartTime,
            Input = input,
            Output = terminal ? outcome.Output : null,
            CustomStatus = continued ? null : outcome.CustomStatus,
            FailureDetails = outcome.Failure,
            ParentInstanceId = started.ParentInstance?.InstanceId,
        };
    }

    private IEnumerable<TaskMessage> ContinueAsNewMessages(string newExecutionId)
    {
        var restart = started with
        {
            ExecutionId = newExecutionId,
            Input = outcome.ContinueAsNewInput,
            Version = outcome.Version,
            Timestamp = now,
            SourceMessageId = null,
            ScheduledStartTime = null,
        };
        yield return TaskMessage.Create(workItem.InstanceId, newExecutionId, restart);
        foreach ((string name, string? payload) in outcome.CarriedEvents)
        {
            var raised = new EventRaisedEvent { Name = name, Input = payload, Timestamp = now };
            yield return TaskMessage.Create(workItem.InstanceId, newExecutionId, raised);
        }
    }

    private TaskMessage? ParentNotification()
    {
        if (started.ParentInstance is not { } parent)
        {
            return null;
        }

        HistoryEvent? answer = outcome.Status switch
        {
            OrchestrationRuntimeStatus.Completed => new SubOrchestrationInstanceCompletedEvent
            {
                TaskScheduledId = parent.TaskScheduledId, Result = outcome.Output, Timestamp = now,
            },
            OrchestrationRuntimeStatus.Failed => new SubOrchestrationInstanceFailedEvent
            {
                TaskScheduledId = parent.TaskScheduledId, FailureDetails = outcome.Failure!, Timestamp = now,
            },
            OrchestrationRuntimeStatus.Terminated => new SubOrchestrationInstanceFailedEvent
            {
                TaskScheduledId = parent.TaskScheduledId,
                FailureDetails = new TaskFailureDetails("Terminated", $"Sub-orchestration '{workItem.InstanceId}' was terminated: {outcome.Output}"),
                Timestamp = now,
            },
            _ => null,
        };
        return answer is null ? null : TaskMessage.Create(parent.InstanceId, parent.ExecutionId, answer);
    }
}
