using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace BrandFlow.Engine.Local;

/// <summary>
/// Drops a second delivery of an orchestration's start message before the sidecar sees it. Queue messages arrive at least
/// once: when a control-queue message becomes visible again before its delete (a checkpoint slower than the visibility
/// timeout, a host killed between checkpoint and delete, a partition lease moving), the <c>ExecutionStarted</c> of an
/// instance whose history already holds it is delivered again. DurableTask.Core's own dispatcher swallows such a
/// duplicate; the sidecar's adds it to the runtime state, which throws "Multiple ExecutionStartedEvent found" on every
/// attempt, so the instance never moved again. Only a start of the same execution is dropped: a start with another
/// execution id (a new generation after ContinueAsNew) is left to the backend as before.
/// </summary>
internal static class DuplicateStartFilter
{
    /// <summary>Removes duplicate starts from <paramref name="workItem"/>'s new messages; returns how many were removed.</summary>
    public static int Apply(TaskOrchestrationWorkItem workItem, ILogger logger)
    {
        var messages = workItem.NewMessages;
        if (messages is null || messages.Count == 0)
        {
            return 0;
        }

        var startedExecution = workItem.OrchestrationRuntimeState?.ExecutionStartedEvent?.OrchestrationInstance?.ExecutionId;
        List<TaskMessage>? kept = null;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (message.Event is ExecutionStartedEvent started)
            {
                var execution = message.OrchestrationInstance?.ExecutionId ?? started.OrchestrationInstance?.ExecutionId;
                if (execution is not null && string.Equals(execution, startedExecution, StringComparison.Ordinal))
                {
                    kept ??= [.. messages.Take(i)];
                    Log.DuplicateStartDropped(logger, workItem.InstanceId, execution);
                    continue;
                }

                // A later copy in the same batch is a duplicate of this one.
                startedExecution ??= execution;
            }

            kept?.Add(message);
        }

        if (kept is null)
        {
            return 0;
        }

        var removed = messages.Count - kept.Count;
        workItem.NewMessages = kept;
        return removed;
    }
}
