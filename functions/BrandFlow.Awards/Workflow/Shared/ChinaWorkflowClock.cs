using BrandFlow.Awards.Calendar;

namespace BrandFlow.Awards.Workflow;

/// <summary>The real clock: dates in China Standard Time, a deadline at the start or end of its CST day.</summary>
public sealed class ChinaWorkflowClock(TimeProvider time) : IWorkflowClock
{
    /// <inheritdoc />
    public DateOnly Today() => ChinaTime.DateOf(time.GetUtcNow());

    /// <inheritdoc />
    public DateTime DueUtc(DeadlineKind kind, DateOnly date) =>
        DeadlineKinds.AtStartOfDay(kind) ? ChinaTime.StartOfDayUtc(date) : ChinaTime.EndOfDayUtc(date);
}
