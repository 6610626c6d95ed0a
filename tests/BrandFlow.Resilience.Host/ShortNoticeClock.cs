using BrandFlow.Awards.Workflow;

namespace BrandFlow.Resilience.Host;

/// <summary>
/// The real China-time workflow clock, except that a public notice falls due <c>noticeLasts</c> after the cycle asks
/// (durable timers run on real time, and a notice lasts at least until the end of the next working day).
/// </summary>
internal sealed class ShortNoticeClock(TimeSpan noticeLasts) : IWorkflowClock
{
    private readonly ChinaWorkflowClock china = new(TimeProvider.System);

    /// <inheritdoc/>
    public DateOnly Today() => this.china.Today();

    /// <inheritdoc/>
    public DateTime DueUtc(DeadlineKind kind, DateOnly date) =>
        kind == DeadlineKind.NoticeEnds ? DateTime.UtcNow + noticeLasts : this.china.DueUtc(kind, date);
}
