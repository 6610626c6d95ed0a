using System.Collections.Concurrent;
using BrandFlow.Awards.Workflow;

namespace BrandFlow.Awards.Tests.TestSupport;

/// <summary>
/// The workflow clock of the fast tests. Legal dates are real computations from a date the test sets
/// (<see cref="Date"/>); when they fall due is chosen per kind: a deadline on a date already past is due at once, a
/// later one after the delay the test gave its kind, or (by default) not within any test. The orchestrations and the
/// deadlines activity are the production code: only this port is the test's.
/// </summary>
internal sealed class TestWorkflowClock(DateOnly today) : IWorkflowClock
{
    /// <summary>Far enough never to fire in a test, short enough for every timer implementation.</summary>
    public static readonly TimeSpan Never = TimeSpan.FromDays(20);

    private readonly ConcurrentDictionary<DeadlineKind, TimeSpan> delays = new();
    private readonly ConcurrentQueue<(DeadlineKind Kind, DateOnly Date)> computed = new();

    /// <summary>Today's legal date as the workflow sees it.</summary>
    public DateOnly Date { get; set; } = today;

    /// <summary>Deadlines of a kind computed from now on fall due after <paramref name="after"/> (zero: at once).</summary>
    public TestWorkflowClock Due(DeadlineKind kind, TimeSpan after)
    {
        this.delays[kind] = after;
        return this;
    }

    /// <summary>
    /// Deadlines of these kinds fall due at once: a second after they are computed, so the orchestration sees them still
    /// ahead (a deadline already behind it is skipped, like a reminder day that passed before the cycle opened).
    /// </summary>
    public TestWorkflowClock DueAtOnce(params DeadlineKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            this.Due(kind, TimeSpan.FromSeconds(1));
        }

        return this;
    }

    /// <summary>Every deadline the workflow had computed so far (its kind and legal date), oldest first.</summary>
    public IReadOnlyList<(DeadlineKind Kind, DateOnly Date)> Computed => [.. this.computed];

    /// <inheritdoc />
    public DateOnly Today() => this.Date;

    /// <inheritdoc />
    public DateTime DueUtc(DeadlineKind kind, DateOnly date)
    {
        this.computed.Enqueue((kind, date));
        var now = DateTime.UtcNow;
        var past = DeadlineKinds.AtStartOfDay(kind) ? date <= this.Date : date < this.Date;
        return past ? now.AddSeconds(-1) : now + this.delays.GetValueOrDefault(kind, Never);
    }
}
