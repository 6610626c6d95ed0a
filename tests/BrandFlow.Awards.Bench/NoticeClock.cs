using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Bench;

/// <summary>
/// The app's workflow clock in the benchmark: the real (China Standard Time) clock, except that the public notice falls
/// due <c>noticeLasts</c> after the cycle opens it, since durable timers run on real time. The driver reads the instant
/// handed out and waits for it before it times the payout phase.
/// </summary>
internal sealed class NoticeClock(TimeSpan noticeLasts) : IWorkflowClock
{
    private readonly ChinaWorkflowClock china = new(TimeProvider.System);
    private long noticeDueTicks;

    /// <summary>How long the public notice lasts.</summary>
    public TimeSpan NoticeLasts => noticeLasts;

    /// <summary>When the notice's timer falls due (null until the cycle asked).</summary>
    public DateTime? NoticeDueUtc => Interlocked.Read(ref this.noticeDueTicks) is > 0 and var ticks ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <inheritdoc/>
    public DateOnly Today() => this.china.Today();

    /// <inheritdoc/>
    public DateTime DueUtc(DeadlineKind kind, DateOnly date)
    {
        if (kind != DeadlineKind.NoticeEnds)
        {
            return this.china.DueUtc(kind, date);
        }

        // An activity retried or replayed asks again: the first answer stands.
        var due = DateTime.UtcNow + noticeLasts;
        Interlocked.CompareExchange(ref this.noticeDueTicks, due.Ticks, 0);
        return new DateTime(Interlocked.Read(ref this.noticeDueTicks), DateTimeKind.Utc);
    }
}
