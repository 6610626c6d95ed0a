using BrandFlow.Durable.Backend;
using BrandFlow.Durable.Client;

namespace BrandFlow.Durable.Core;

/// <summary>What replaying the history and applying the new events produced.</summary>
internal sealed class EpisodeOutcome
{
    /// <summary>Status after the episode: Running, Suspended, Completed, Failed, Terminated or ContinuedAsNew.</summary>
    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Running;

    /// <summary>The execution's start event, if the history or the new events had one.</summary>
    public ExecutionStartedEvent? Started { get; set; }

    /// <summary>Version recorded for the instance.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>Serialized output (Completed) or termination reason (Terminated).</summary>
    public string? Output { get; set; }

    /// <summary>Failure details when Failed.</summary>
    public TaskFailureDetails? Failure { get; set; }

    /// <summary>The custom status the code set, if any.</summary>
    public string? CustomStatus { get; set; }

    /// <summary>Actions the code scheduled in this episode, in sequence order.</summary>
    public IReadOnlyList<OrchestrationAction> NewActions { get; set; } = [];

    /// <summary>Serialized input of the next execution when ContinuedAsNew.</summary>
    public string? ContinueAsNewInput { get; set; }

    /// <summary>Unconsumed external events carried into the next execution.</summary>
    public IReadOnlyList<(string Name, string? Input)> CarriedEvents { get; set; } = [];

    /// <summary>How many of the new events were applied; later ones arrived after the execution ended and are dropped.</summary>
    public int AppliedNewEvents { get; set; }

    /// <summary>How many history events were replayed (applied from the stored history).</summary>
    public int ReplayedEvents { get; set; }
}
