using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BrandFlow.Functions.Workflow;

/// <summary>
/// The <see cref="TaskActivityContext"/> an activity class receives when an Azure Function runs it: the activity's name
/// and the calling orchestration's instance id (from the trigger's binding data).
/// </summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc/>
    public override TaskName Name { get; } = name;

    /// <inheritdoc/>
    public override string InstanceId { get; } = instanceId;

    /// <summary>The context of the activity function <paramref name="name"/> in this invocation.</summary>
    public static FunctionActivityContext For(string name, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var value) ? value?.ToString() : null;
        return new FunctionActivityContext(name, instanceId ?? string.Empty);
    }
}
