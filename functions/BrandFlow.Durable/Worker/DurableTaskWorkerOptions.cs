using BrandFlow.Durable.Backend;

namespace BrandFlow.Durable.Worker;

/// <summary>Settings of the dispatchers and the polling worker.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Serializer for inputs, outputs and payloads.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>Clock for history timestamps (the orchestration's CurrentUtcDateTime). Tests pass a fake clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Clock for the polling loop's idle delays; real time by default even when <see cref="TimeProvider"/> is fake.</summary>
    public TimeProvider PollingTimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Fault-injection hook called at <see cref="FaultPoint.AfterLockBeforeCommit"/>.</summary>
    public IFaultInjectionHook FaultInjectionHook { get; set; } = NoFaultInjection.Instance;

    /// <summary>Maximum orchestration work items processed at once.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 4;

    /// <summary>Maximum activities run at once.</summary>
    public int MaxConcurrentActivities { get; set; } = 8;

    /// <summary>First idle delay after an empty poll.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest idle delay; the delay doubles after each empty poll up to this value.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long in-flight work may run after shutdown starts before it is cancelled and abandoned.</summary>
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delay before an abandoned work item becomes visible again.</summary>
    public TimeSpan AbandonDelay { get; set; } = TimeSpan.FromSeconds(1);
}
