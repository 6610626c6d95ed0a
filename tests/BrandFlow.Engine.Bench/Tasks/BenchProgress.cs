namespace BrandFlow.Engine.Bench.Tasks;

/// <summary>
/// Counts, in this process, orchestrations that reached their wait or their end (first execution only, not replays), so
/// the benchmark learns progress without polling the task hub (client polls would be counted as storage requests).
/// One instance for the process: the worker creates orchestrators without dependency injection, and one host runs at a time.
/// </summary>
internal sealed class BenchProgress
{
    /// <summary>The process's counters.</summary>
    public static BenchProgress Shared { get; } = new();

    private int waiting;
    private int completed;

    /// <summary>Orchestrations that reached their end.</summary>
    public int Completed => Volatile.Read(ref this.completed);

    /// <summary>Orchestrations that started waiting for their event.</summary>
    public int Waiting => Volatile.Read(ref this.waiting);

    /// <summary>Starts counting again from zero (after the warm-up).</summary>
    public void Reset()
    {
        Volatile.Write(ref this.waiting, 0);
        Volatile.Write(ref this.completed, 0);
    }

    /// <summary>Records that an orchestration has reached its end (ignored during replay).</summary>
    public void Complete(bool replaying)
    {
        if (!replaying)
        {
            Interlocked.Increment(ref this.completed);
        }
    }

    /// <summary>Records that an orchestration has started waiting for its event (ignored during replay).</summary>
    public void Wait(bool replaying)
    {
        if (!replaying)
        {
            Interlocked.Increment(ref this.waiting);
        }
    }

    /// <summary>Waits until <paramref name="count"/> returns at least <paramref name="target"/>, or throws after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<int> count, int target, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (count() < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: {count()} of {target} after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(20);
        }
    }
}
