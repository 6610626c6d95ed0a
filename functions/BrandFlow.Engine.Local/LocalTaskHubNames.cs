namespace BrandFlow.Engine.Local;

/// <summary>Names of the storage the local engine adds to a task hub, for hosts that show them to administrators.</summary>
public static class LocalTaskHubNames
{
    /// <summary>The queue unreadable control-queue messages are moved to (see <c>PoisonGuardService</c>).</summary>
    public static string PoisonQueue(string taskHub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        return taskHub.ToLowerInvariant() + PoisonGuardService.PoisonQueueSuffix;
    }

    /// <summary>The table the history of a quarantined instance is kept in.</summary>
    public static string QuarantineTable(string taskHub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        return taskHub + PoisonGuardService.QuarantineTableSuffix;
    }
}
