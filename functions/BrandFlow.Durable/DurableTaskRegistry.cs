namespace BrandFlow.Durable;

/// <summary>
/// Orchestrators and activities known to a worker, by name (mirrors Microsoft.DurableTask.DurableTaskRegistry).
/// Each orchestrator name carries the version recorded on instances that do not request one.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Registration<ITaskOrchestrator>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Registration<ITaskActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator type under its class name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(string? version = null)
        where TOrchestrator : ITaskOrchestrator, new() =>
        AddOrchestrator(new TaskName(typeof(TOrchestrator).Name, version), () => new TOrchestrator());

    /// <summary>Registers an orchestrator factory under a name; the factory runs once per episode.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!orchestrators.TryAdd(name.Name, new Registration<ITaskOrchestrator>(name, factory)))
        {
            throw new ArgumentException($"An orchestrator named '{name.Name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator given as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddOrchestrator(name, () => new FuncOrchestrator<TInput, TOutput>(implementation));
    }

    /// <summary>Registers an activity type under its class name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : ITaskActivity, new() =>
        AddActivity(new TaskName(typeof(TActivity).Name), () => new TActivity());

    /// <summary>Registers an activity factory under a name; the factory runs once per invocation.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!activities.TryAdd(name.Name, new Registration<ITaskActivity>(name, factory)))
        {
            throw new ArgumentException($"An activity named '{name.Name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity given as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddActivity(name, () => new FuncActivity<TInput, TOutput>(implementation));
    }

    /// <summary>Creates the orchestrator registered under a name, with its registered version.</summary>
    public bool TryCreateOrchestrator(string name, out ITaskOrchestrator? orchestrator, out string version)
    {
        if (orchestrators.TryGetValue(name, out var registration))
        {
            orchestrator = registration.Factory();
            version = registration.Name.Version;
            return true;
        }

        orchestrator = null;
        version = string.Empty;
        return false;
    }

    /// <summary>Creates the activity registered under a name.</summary>
    public bool TryCreateActivity(string name, out ITaskActivity? activity)
    {
        activity = activities.TryGetValue(name, out var registration) ? registration.Factory() : null;
        return activity is not null;
    }

    private sealed record Registration<T>(TaskName Name, Func<T> Factory);

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => implementation(context, input);
    }
}
