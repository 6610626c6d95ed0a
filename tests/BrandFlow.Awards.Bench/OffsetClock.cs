namespace BrandFlow.Awards.Bench;

/// <summary>
/// Real time plus an offset the driver can move forward: the app runs on it (activities, durable timers, the
/// service's "today"), so a public notice of working days can end in seconds by jumping the clock past it.
/// </summary>
internal sealed class OffsetClock : TimeProvider
{
    private long offsetTicks;

    /// <summary>How far the clock is ahead of real time.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref this.offsetTicks));

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref this.offsetTicks));

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref this.offsetTicks, by.Ticks);
}
