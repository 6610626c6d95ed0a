using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace BrandFlow.Engine.Local;

/// <summary>Rejects settings DurableTask.AzureStorage would fail on later, with a message naming the setting.</summary>
internal sealed partial class LocalEngineOptionsValidation : IValidateOptions<LocalEngineOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LocalEngineOptions options)
    {
        var failures = new List<string>();
        if (!TaskHubNamePattern().IsMatch(options.TaskHubName ?? string.Empty))
        {
            failures.Add($"TaskHubName '{options.TaskHubName}' must be 3–45 letters or digits, starting with a letter.");
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            failures.Add($"PartitionCount {options.PartitionCount} must be between 1 and 16.");
        }

        if (options.ControlQueueBatchSize is < 1 or > 32)
        {
            failures.Add($"ControlQueueBatchSize {options.ControlQueueBatchSize} must be between 1 and 32.");
        }

        if (options.MaxConcurrentActivities < 1 || options.MaxConcurrentOrchestrations < 1)
        {
            failures.Add("MaxConcurrentActivities and MaxConcurrentOrchestrations must be at least 1.");
        }

        if (options.MaxQueuePollingInterval <= TimeSpan.Zero || options.SidecarShutdownTimeout <= TimeSpan.Zero)
        {
            failures.Add("MaxQueuePollingInterval and SidecarShutdownTimeout must be positive.");
        }

        // Azure Storage queues count visibility in whole seconds.
        if (options.WorkItemQueueVisibilityTimeout < TimeSpan.FromSeconds(2) || options.ControlQueueVisibilityTimeout < TimeSpan.FromSeconds(2))
        {
            failures.Add("WorkItemQueueVisibilityTimeout and ControlQueueVisibilityTimeout must be at least 2 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubNamePattern();
}
