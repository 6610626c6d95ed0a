using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Core;

/// <summary>Scheduling helpers and the members the replay engine calls while applying history.</summary>
internal sealed partial class OrchestrationContextImpl
{
    /// <summary>
    /// Matches a scheduling event from history against the action the code produced at the same sequence number;
    /// throws <see cref="NonDeterministicOrchestrationException"/> when they differ.
    /// </summary>
    internal void MatchScheduledEvent(HistoryEvent historyEvent)
    {
        if (!unmatchedActions.Remove(historyEvent.EventId, out OrchestrationAction? action))
        {
            throw new NonDeterministicOrchestrationException(historyEvent.EventId, OrchestrationAction.Describe(historyEvent), "nothing");
        }

        if (!action.Matches(historyEvent))
        {
            throw new NonDeterministicOrchestrationException(historyEvent.EventId, OrchestrationAction.Describe(historyEvent), action.Describe());
        }
    }

    /// <summary>Completes the open task with a sequence number; unknown or already completed ids are ignored.</summary>
    internal void CompleteTask(int taskId, string? result, TaskFailureDetails? failure)
    {
        if (openTasks.Remove(taskId, out var complete))
        {
            complete(result, failure);
        }
    }

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    internal void RaiseEvent(string name, string? input)
    {
        if (eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value(input);
            return;
        }

        if (!bufferedEvents.TryGetValue(name, out var queue))
        {
            queue = new Queue<string?>();
            bufferedEvents[name] = queue;
        }

        queue.Enqueue(input);
        bufferedEventOrder.Add((name, input));
    }

    private Task<TResult> ScheduleActivityAsync<TResult>(TaskName name, string? input)
    {
        int id = nextSequenceNumber++;
        var scheduled = new TaskScheduledEvent { EventId = id, Name = name.Name, Version = name.Version, Input = input, Timestamp = CurrentTime };
        AddAction(new OrchestrationAction(scheduled, TaskMessage.Create(InstanceId, ExecutionId, scheduled), ActionDestination.Activity, name.Name));
        return OpenTaskAsync<TResult>(id, name.Name);
    }

    private Task<TResult> ScheduleSubOrchestrationAsync<TResult>(TaskName name, string? input, string? childInstanceId)
    {
        string instanceId = childInstanceId ?? NewGuid().ToString("N");
        int id = nextSequenceNumber++;
        var created = new SubOrchestrationInstanceCreatedEvent
        {
            EventId = id, Name = name.Name, Version = name.Version, InstanceId = instanceId, Input = input, Timestamp = CurrentTime,
        };
        string childExecutionId = Guid.NewGuid().ToString("N");
        var start = new ExecutionStartedEvent
        {
            Name = name.Name,
            Version = name.Version,
            InstanceId = instanceId,
            ExecutionId = childExecutionId,
            Input = input,
            ParentInstance = new ParentInstanceInfo(InstanceId, ExecutionId, id, Name.Name),
            Timestamp = CurrentTime,
        };
        AddAction(new OrchestrationAction(created, TaskMessage.Create(instanceId, childExecutionId, start), ActionDestination.Orchestration, name.Name));
        return OpenTaskAsync<TResult>(id, name.Name);
    }

    private Task<TResult> OpenTaskAsync<TResult>(int id, string name)
    {
        var completion = new TaskCompletionSource<TResult>();
        openTasks[id] = (result, failure) =>
        {
            if (failure is not null)
            {
                completion.TrySetException(new TaskFailedException(name, id, failure));
            }
            else
            {
                SetFromPayload(completion, result);
            }
        };
        return completion.Task;
    }

    private async Task<TResult> WithRetryAsync<TResult>(Func<Task<TResult>> call, TaskOptions? options, string name)
    {
        RetryPolicy? policy = options?.Retry?.Policy;
        if (policy is null)
        {
            return await call();
        }

        DateTime firstAttemptAt = CurrentTime;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException ex) when (attempt < policy.MaxNumberOfAttempts
                && (policy.HandleFailure?.Invoke(ex.FailureDetails) ?? true))
            {
                DateTime retryAt = CurrentTime + policy.GetDelay(attempt);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && retryAt > firstAttemptAt + policy.RetryTimeout)
                {
                    throw new TaskFailedException(name, ex.TaskId, ex.FailureDetails);
                }

                await CreateTimer(retryAt, CancellationToken.None);
            }
        }
    }
}
