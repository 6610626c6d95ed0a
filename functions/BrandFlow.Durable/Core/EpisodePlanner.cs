using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.Core;

/// <summary>Result of planning an orchestration work item: a commit, or a request to retry later.</summary>
/// <param name="Commit">The commit, or null when the work item must be abandoned and retried later.</param>
/// <param name="ReplayedEvents">History events replayed to build it.</param>
internal sealed record EpisodePlan(OrchestrationCommit? Commit, int ReplayedEvents)
{
    /// <summary>True when the messages arrived before the instance's start and must wait for it.</summary>
    public bool Deferred { get; init; }
}

/// <summary>
/// Turns a locked work item into one commit: drops redelivered, stale and duplicate messages, decides whether the
/// batch starts a new execution, runs the replay engine and assembles history, status row and outbox.
/// </summary>
internal sealed class EpisodePlanner(OrchestrationExecutor executor)
{
    /// <summary>Plans one episode at time <paramref name="now"/>.</summary>
    public EpisodePlan Plan(OrchestrationWorkItem workItem, DateTime now)
    {
        var index = new HistoryIndex(workItem.History);
        OrchestrationState? state = workItem.State;
        var extraMessages = new List<TaskMessage>();
        TaskMessage? startMessage = FindStart(workItem, index, state, extraMessages);
        bool newExecution = startMessage is not null && workItem.History.Count > 0;
        if (newExecution)
        {
            index = new HistoryIndex([]);
        }

        ExecutionStartedEvent? started = startMessage is null ? index.Started : (ExecutionStartedEvent)startMessage.Event;
        if (started is null || (index.IsFinished && startMessage is null))
        {
            bool pending = state is not null && !state.RuntimeStatus.IsTerminal() && workItem.History.Count == 0;
            if (pending && !workItem.NewMessages.Any(m => m.Event is ExecutionTerminatedEvent))
            {
                // Messages overtook the start message; retry once it has arrived.
                return new EpisodePlan(null, 0) { Deferred = true };
            }

            return new EpisodePlan(pending ? TerminatePending(workItem, state!, now) : DropAll(workItem, extraMessages), 0);
        }

        var newEvents = new List<HistoryEvent> { new OrchestratorStartedEvent { Timestamp = now } };
        if (startMessage is not null)
        {
            index.TryAccept(startMessage);
            newEvents.Add(startMessage.Event with { SourceMessageId = startMessage.MessageId });
        }

        foreach (TaskMessage message in workItem.NewMessages)
        {
            bool stale = message.ExecutionId is not null && message.ExecutionId != started.ExecutionId;
            if (message.Event is not ExecutionStartedEvent && !stale && index.TryAccept(message))
            {
                newEvents.Add(message.Event with { SourceMessageId = message.MessageId });
            }
        }

        IReadOnlyList<HistoryEvent> past = newExecution ? [] : workItem.History;
        EpisodeOutcome outcome = executor.Execute(past, newEvents);
        var builder = new CommitBuilder(workItem, state, started, outcome, now) { NewExecution = newExecution };
        return new EpisodePlan(builder.Build(newEvents.Take(Math.Max(1, outcome.AppliedNewEvents)).ToList(), extraMessages), outcome.ReplayedEvents);
    }

    /// <summary>Plans a commit that fails the instance with the given reason (used for poison messages).</summary>
    public static OrchestrationCommit? PlanFailure(OrchestrationWorkItem workItem, DateTime now, TaskFailureDetails failure)
    {
        var index = new HistoryIndex(workItem.History);
        ExecutionStartedEvent? started = index.Started
            ?? workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();
        if (started is null || index.IsFinished)
        {
            return DropAll(workItem, []);
        }

        var outcome = new EpisodeOutcome { Status = OrchestrationRuntimeStatus.Failed, Failure = failure, Started = started, Version = started.Version };
        var builder = new CommitBuilder(workItem, workItem.State, started, outcome, now);
        List<HistoryEvent> newEvents = [new OrchestratorStartedEvent { Timestamp = now }];
        if (index.Started is null)
        {
            newEvents.Add(started);
        }

        return builder.Build(newEvents, []);
    }

    private static TaskMessage? FindStart(OrchestrationWorkItem workItem, HistoryIndex index, OrchestrationState? state, List<TaskMessage> extraMessages)
    {
        TaskMessage? accepted = null;
        string? currentExecutionId = index.Started?.ExecutionId ?? state?.ExecutionId;
        foreach (TaskMessage message in workItem.NewMessages)
        {
            if (message.Event is not ExecutionStartedEvent start || index.WasApplied(message.MessageId) || accepted is not null)
            {
                continue;
            }

            bool stateTerminal = state?.RuntimeStatus.IsTerminal() ?? false;
            bool sameExecution = start.ExecutionId == currentExecutionId;
            bool acceptable = workItem.History.Count == 0
                ? state is null || (sameExecution && !stateTerminal) || (!sameExecution && stateTerminal)
                : index.IsFinished && !sameExecution;
            if (acceptable)
            {
                accepted = message;
            }
            else if (!sameExecution && start.ParentInstance is { } parent)
            {
                var failure = new TaskFailureDetails(
                    typeof(InstanceAlreadyExistsException).FullName!,
                    $"Cannot start sub-orchestration '{start.InstanceId}': an instance with that id is already running.");
                var failed = new SubOrchestrationInstanceFailedEvent { TaskScheduledId = parent.TaskScheduledId, FailureDetails = failure, Timestamp = start.Timestamp };
                extraMessages.Add(TaskMessage.Create(parent.InstanceId, parent.ExecutionId, failed));
            }
        }

        return accepted;
    }

    private static OrchestrationCommit DropAll(OrchestrationWorkItem workItem, IReadOnlyList<TaskMessage> extraMessages) => new()
    {
        InstanceId = workItem.InstanceId,
        ExecutionId = workItem.State?.ExecutionId ?? string.Empty,
        NewEvents = [],
        State = null,
        OrchestratorMessages = extraMessages,
        ConsumedMessageIds = workItem.NewMessages.Select(m => m.MessageId).ToList(),
    };

    private static OrchestrationCommit TerminatePending(OrchestrationWorkItem workItem, OrchestrationState state, DateTime now)
    {
        string? reason = workItem.NewMessages.Select(m => m.Event).OfType<ExecutionTerminatedEvent>().First().Input;
        return new OrchestrationCommit
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = state.ExecutionId,
            NewEvents = [],
            State = state with { RuntimeStatus = OrchestrationRuntimeStatus.Terminated, Output = reason, LastUpdatedAt = now, CompletedAt = now },
            ConsumedMessageIds = workItem.NewMessages.Select(m => m.MessageId).ToList(),
        };
    }
}
