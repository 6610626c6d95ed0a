using System.Diagnostics;

namespace BrandFlow.Awards.Bench;

/// <summary>Samples the process's working set and GC heap every quarter second and keeps the peaks.</summary>
internal sealed class ProcessSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    /// <summary>Starts sampling.</summary>
    public ProcessSampler() => this.loop = Task.Run(this.RunAsync);

    /// <summary>Largest working set seen, bytes.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>Largest GC heap size seen, bytes.</summary>
    public long PeakGcHeap { get; private set; }

    /// <summary>Total bytes allocated by the process so far.</summary>
    public static long Allocated => GC.GetTotalAllocatedBytes();

    public async ValueTask DisposeAsync()
    {
        await this.stop.CancelAsync();
        try
        {
            await this.loop;
        }
        catch (OperationCanceledException)
        {
        }

        this.stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!this.stop.IsCancellationRequested)
        {
            process.Refresh();
            this.PeakWorkingSet = Math.Max(this.PeakWorkingSet, process.WorkingSet64);
            this.PeakGcHeap = Math.Max(this.PeakGcHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            await Task.Delay(250, this.stop.Token);
        }
    }
}
