namespace BrandFlow.Durable.Client;

/// <summary>Runtime status of an orchestration instance (mirrors Microsoft.DurableTask.Client).</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The instance is running (started and not finished).</summary>
    Running = 0,

    /// <summary>The instance completed successfully.</summary>
    Completed = 1,

    /// <summary>The instance continued as new; only seen on old executions.</summary>
    ContinuedAsNew = 2,

    /// <summary>The instance failed; see its failure details.</summary>
    Failed = 3,

    /// <summary>The instance was canceled (reserved, not produced by this runtime).</summary>
    Canceled = 4,

    /// <summary>The instance was terminated by a client.</summary>
    Terminated = 5,

    /// <summary>The instance was scheduled and has not started yet.</summary>
    Pending = 6,

    /// <summary>The instance is suspended; messages are kept until it is resumed.</summary>
    Suspended = 7,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for Completed, Failed, Terminated, Canceled and ContinuedAsNew: the execution will not change again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled
            or OrchestrationRuntimeStatus.ContinuedAsNew;
}
