namespace BrandFlow.Durable;

/// <summary>Options for an activity or sub-orchestration call (mirrors Microsoft.DurableTask.TaskOptions).</summary>
public record TaskOptions
{
    /// <summary>Creates options with an optional retry configuration.</summary>
    public TaskOptions(TaskRetryOptions? retry = null)
    {
        Retry = retry;
    }

    /// <summary>Retry configuration, or null for a single attempt.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Creates options that retry with a policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));
}

/// <summary>Options for a sub-orchestration call: adds the child's instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates sub-orchestration options.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Instance id of the child; a deterministic id derived from the parent is used when null.</summary>
    public string? InstanceId { get; init; }
}

/// <summary>Retry configuration of a call (mirrors Microsoft.DurableTask.TaskRetryOptions).</summary>
public sealed record TaskRetryOptions
{
    /// <summary>Creates retry options from a policy.</summary>
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>The declarative retry policy.</summary>
    public RetryPolicy Policy { get; }

    /// <summary>Converts a policy.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Converts a policy.</summary>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>
/// Declarative retry with exponential back-off (mirrors Microsoft.DurableTask.RetryPolicy). The delay before retry n
/// (n = 1 for the first retry) is FirstRetryInterval × BackoffCoefficient^(n-1), capped at MaxRetryInterval; no retry
/// starts after RetryTimeout has passed since the first attempt. Delays are durable timers.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Maximum number of attempts, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Factor applied to the delay after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Largest delay between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Total time after the first attempt after which no retry starts; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Optional predicate deciding whether a failure is worth retrying; all failures are retried when null.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>Delay before retry number <paramref name="retryNumber"/> (1-based).</summary>
    public TimeSpan GetDelay(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        double ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retryNumber - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
