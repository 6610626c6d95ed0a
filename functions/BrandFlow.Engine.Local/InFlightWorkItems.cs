using System.Collections.Concurrent;
using DurableTask.Core;

namespace BrandFlow.Engine.Local;

/// <summary>
/// The work items the sidecar has locked and not yet settled. When the worker's stream closes while the sidecar is
/// sending it a work item, the sidecar waits for an answer for ever; at shutdown these are abandoned so the backend can
/// drain its partitions at once (it waited 60 s) and the messages are delivered again at the next start.
/// </summary>
internal sealed class InFlightWorkItems
{
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, byte> orchestrations = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskActivityWorkItem, byte> activities = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskOrchestrationWorkItem, byte> releasedAtShutdown = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records a work item just locked.</summary>
    public void Add(TaskOrchestrationWorkItem workItem) => this.orchestrations.TryAdd(workItem, 0);

    /// <summary>Records a work item just locked.</summary>
    public void Add(TaskActivityWorkItem workItem) => this.activities.TryAdd(workItem, 0);

    /// <summary>True for the one caller that settles the work item (the sidecar, or <see cref="AbandonAllAsync"/>).</summary>
    public bool TrySettle(TaskOrchestrationWorkItem workItem) => this.orchestrations.TryRemove(workItem, out _);

    /// <summary>True for the one caller that settles the work item (the sidecar, or <see cref="AbandonAllAsync"/>).</summary>
    public bool TrySettle(TaskActivityWorkItem workItem) => this.activities.TryRemove(workItem, out _);

    /// <summary>True when <see cref="AbandonAllAsync"/> already released the work item.</summary>
    public bool WasReleasedAtShutdown(TaskOrchestrationWorkItem workItem) => this.releasedAtShutdown.ContainsKey(workItem);

    /// <summary>Abandons and releases every work item still unsettled; returns how many there were.</summary>
    public async Task<int> AbandonAllAsync(IOrchestrationService backend)
    {
        var count = 0;
        foreach (var workItem in this.orchestrations.Keys)
        {
            if (this.TrySettle(workItem))
            {
                count++;
                this.releasedAtShutdown.TryAdd(workItem, 0);
                await backend.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
                await backend.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
            }
        }

        foreach (var workItem in this.activities.Keys)
        {
            if (this.TrySettle(workItem))
            {
                count++;
                await backend.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
            }
        }

        return count;
    }
}
