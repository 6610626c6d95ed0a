using BrandFlow.Durable;

namespace BrandFlow.Awards.Workflow;

/// <summary>Base of the workflow's activities: they reach storage, mail and the calendar through the environment.</summary>
public abstract class AwardActivity<TInput, TOutput>(AwardEnvironment env) : TaskActivity<TInput, TOutput>
{
    /// <summary>The environment.</summary>
    protected AwardEnvironment Env { get; } = env;
}
