using System.Collections.Concurrent;

namespace BrandFlow.Awards.Bench;

/// <summary>Durations of one kind (e.g. decision POST to next step), thread-safe, with percentiles.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> milliseconds = [];

    /// <summary>Number of samples.</summary>
    public int Count => this.milliseconds.Count;

    /// <summary>Adds one sample.</summary>
    public void Add(TimeSpan duration) => this.milliseconds.Add(duration.TotalMilliseconds);

    /// <summary>The p-th percentile (nearest rank), milliseconds; NaN without samples.</summary>
    public double Percentile(double p)
    {
        var sorted = this.milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Largest sample, milliseconds.</summary>
    public double Max => this.milliseconds.IsEmpty ? double.NaN : this.milliseconds.Max();
}
