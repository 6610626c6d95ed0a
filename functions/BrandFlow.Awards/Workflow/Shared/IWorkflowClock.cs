namespace BrandFlow.Awards.Workflow;

/// <summary>
/// The workflow's legal time: today's date and the instant a legal date begins or ends. Activities read it (never
/// orchestrators), so what it answered is recorded in each instance's history and replays unchanged.
/// </summary>
public interface IWorkflowClock
{
    /// <summary>Today's legal date.</summary>
    DateOnly Today();

    /// <summary>The UTC instant a deadline on a legal date falls due.</summary>
    DateTime DueUtc(DeadlineKind kind, DateOnly date);
}
